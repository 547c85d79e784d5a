// The real static/js/presenter/layout-*.js: where the projector draws a fishbone and a problem tree.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { causeTree } from "../../static/js/shared/causes.js";
import { wrap, estimate } from "../../static/js/presenter/layout-text.js";
import { fishboneLayout } from "../../static/js/presenter/layout-fishbone.js";
import { treeLayout, trim, balance } from "../../static/js/presenter/layout-tree.js";

const BONES = ["man", "method", "material", "machine", "money", "environment"].map((key) => ({ key, name: key.toUpperCase() }));
const OPTS = { max: 30, min: 20, measure: estimate, mark: "★", legend: "Akar masalah", more: (n) => "+" + n + " lagi" };
const BOX = { width: 1230, height: 500 };
const HEAD = "Masih ada pungutan Rp50.000 sampai Rp100.000 untuk mempercepat pencetakan KTP-el, padahal layanan ini gratis.";

function cause(id, parent, bone, depth, text, root) {
  return { id, kind: "cause", sector_id: 1, parent_id: parent, status: "visible", bone, depth, root: !!root, text };
}

function treeOf(causes) {
  const store = new Store();
  store.load({
    workshop: { sectors: [{ id: 1, name: "Adminduk" }], phases: [], phase_id: null, settings: {}, timer: {}, bones: BONES, open: {} },
    cards: [{ id: 1, kind: "bottleneck", sector_id: 1, parent_id: null, status: "visible", analysed: true, text: HEAD }].concat(causes),
    clusters: []
  });
  return causeTree(store, 1);
}

const DEMO = [
  cause(11, 1, "man", 1, "Calo menawarkan jasa 'jalur cepat' di depan kantor Disdukcapil"),
  cause(12, 11, "man", 2, "Warga tidak tahu bahwa pencetakan KTP-el gratis"),
  cause(13, 12, "man", 3, "Tarif nol rupiah tidak dipasang di loket", true),
  cause(14, 1, "material", 1, "Blanko KTP-el sering habis, antrean cetak menumpuk berminggu-minggu"),
  cause(15, 14, "material", 2, "Permintaan blanko ke Ditjen Dukcapil baru diajukan setelah stok habis", true),
  cause(16, 1, "machine", 1, "Jaringan SIAK sering down saat jam sibuk"),
  cause(17, 1, "method", 1, "Tidak ada nomor antrean dan jadwal ambil yang pasti")
];

function texts(layout) {
  return layout.items.filter((i) => i.type === "text");
}

function joined(item) {
  return item.lines.join(" ").replace(/^★ /, "");
}

function inside(layout) {
  texts(layout).forEach((item) => {
    item.lines.forEach((line, n) => {
      const width = estimate(line, item.size, /root|head|bone-name/.test(item.cls));
      const left = item.anchor === "middle" ? item.x - width / 2 : item.anchor === "end" ? item.x - width : item.x;
      assert.ok(left >= -0.5 && left + width <= layout.width + 0.5, "inside the width: " + line);
      assert.ok(item.y + n * item.lh <= layout.height + 0.5, "inside the height: " + line);
    });
  });
}

test("wrap: lines no wider than asked, long words broken, a cut marked", () => {
  const out = wrap("Antrean KTP-el tiga jam di kantor kecamatan", { width: 120, size: 20, measure: estimate });
  assert.ok(out.lines.length > 1 && !out.cut);
  out.lines.forEach((line) => assert.ok(estimate(line, 20) <= 120, line));
  assert.equal(out.lines.join(" "), "Antrean KTP-el tiga jam di kantor kecamatan");
  const cut = wrap("satu dua tiga empat lima enam tujuh delapan", { width: 60, size: 20, measure: estimate, maxLines: 2 });
  assert.equal(cut.lines.length, 2);
  assert.equal(cut.cut, true);
  assert.ok(cut.lines[1].endsWith("…"));
  const long = wrap("Disdukcapilkabupatengowa", { width: 100, size: 20, measure: estimate });
  assert.ok(long.lines.length > 1 && long.lines.join("") === "Disdukcapilkabupatengowa");
  assert.deepEqual(wrap("Tarif nol", { width: 200, size: 20, measure: estimate, prefix: "★" }).lines, ["★ Tarif nol"]);
  assert.deepEqual(wrap("Permintaan", { width: 120, size: 20, measure: estimate, prefix: "★" }).lines, ["Permintaan"], "no room for the mark");
  assert.deepEqual(wrap("", { width: 100, size: 20 }).lines, []);
});

test("the fishbone: every cause along its bone, whys indented, roots marked, all inside", () => {
  const layout = fishboneLayout(treeOf(DEMO), HEAD, BOX, OPTS);
  assert.equal(layout.fits, true);
  assert.equal(layout.hidden, 0);
  assert.ok(layout.size >= 20);
  const byCard = {};
  texts(layout).filter((i) => i.card).forEach((i) => (byCard[i.card] = i));
  DEMO.forEach((c) => assert.equal(joined(byCard[c.id]), c.text));
  assert.ok(byCard[12].x > byCard[11].x && byCard[13].x > byCard[12].x, "each why further in");
  assert.ok(byCard[12].y > byCard[11].y, "and below");
  assert.match(byCard[13].cls, /root/);
  assert.doesNotMatch(byCard[11].cls, /root/);
  assert.ok(byCard[13].lines[0].startsWith("★"));
  assert.deepEqual(texts(layout).filter((i) => i.cls === "bone-name").map((i) => i.lines[0]), BONES.map((b) => b.name), "every bone named");
  const spine = layout.items.find((i) => i.cls === "spine");
  assert.ok(byCard[11].y < spine.y1 && byCard[17].y > spine.y1, "the first bone above the spine, the second below");
  const head = layout.items.find((i) => i.cls === "head");
  assert.ok(head.x + head.w <= BOX.width && spine.x2 === head.x, "the spine ends at the head");
  texts(layout).filter((i) => i.card).forEach((i) => assert.ok(i.x + Math.max(...i.lines.map((l) => estimate(l, i.size, true))) <= head.x, "clear of the head"));
  assert.ok(texts(layout).some((i) => /legend/.test(i.cls)), "the mark explained");
  inside(layout);
});

test("the fishbone shrinks to the floor, then says how many more", () => {
  const many = [];
  for (let n = 0; n < 40; n++) many.push(cause(100 + n, 1, "man", 1, "Penyebab nomor " + n + " yang cukup panjang untuk dua baris"));
  const layout = fishboneLayout(treeOf(many), HEAD, BOX, OPTS);
  assert.equal(layout.size, 20);
  assert.ok(layout.hidden > 0);
  const more = texts(layout).find((i) => i.cls === "more");
  assert.equal(more.lines[0], "+" + layout.hidden + " lagi");
  assert.equal(texts(layout).filter((i) => i.card).length + layout.hidden, 40);
  inside(layout);
  const few = fishboneLayout(treeOf([cause(11, 1, "man", 1, "Singkat")]), "Antrean", BOX, OPTS);
  assert.equal(few.size, 30, "a small fishbone in large type");
});

test("the problem tree: the bottleneck on top, each cause in the row below its parent, within its columns", () => {
  const layout = treeLayout(treeOf(DEMO), HEAD, BOX, OPTS);
  assert.equal(layout.fits, true);
  const byCard = {};
  texts(layout).filter((i) => i.card).forEach((i) => (byCard[i.card] = i));
  const boxes = {};
  layout.items.filter((i) => i.type === "rect" && i.card).forEach((r) => (boxes[r.card] = r));
  DEMO.forEach((c) => assert.equal(joined(byCard[c.id]), c.text));
  const head = layout.items.find((i) => i.cls === "head");
  DEMO.forEach((c) => {
    const parent = c.parent_id === 1 ? head : boxes[c.parent_id];
    assert.ok(boxes[c.id].y > parent.y + parent.h, c.text + ": below its parent");
    assert.equal(byCard[c.id].level, c.depth);
  });
  const rowOf = (id) => boxes[id].y;
  assert.equal(rowOf(11), rowOf(14), "levels are rows");
  assert.equal(rowOf(12), rowOf(15));
  const centre = (r) => r.x + r.w / 2;
  assert.ok(Math.abs(centre(boxes[12]) - centre(boxes[11])) < 1, "a lone why right under its cause");
  assert.match(boxes[15].cls, /root/);
  assert.ok(texts(layout).some((i) => /legend/.test(i.cls) && i.anchor === "end"), "the mark explained");
  inside(layout);
});

test("a wide tree keeps a floor of width per column and says how many more", () => {
  const many = [];
  for (let n = 0; n < 30; n++) many.push(cause(100 + n, 1, BONES[n % 6].key, 1, "Penyebab " + n));
  const layout = treeLayout(treeOf(many), HEAD, BOX, OPTS);
  assert.equal(layout.size, 20);
  assert.ok(layout.hidden > 0);
  const shown = texts(layout).filter((i) => i.card).length;
  assert.equal(shown + layout.hidden, 30);
  assert.equal(texts(layout).find((i) => i.cls === "more").lines[0], "+" + layout.hidden + " lagi");
  layout.items.filter((i) => i.type === "rect" && i.card).forEach((r) => assert.ok(r.w >= 20 * 6.5 - 12 - 0.5));
  inside(layout);
});

test("a deep tree keeps the rows that fit and counts the whys below", () => {
  const chain = [cause(11, 1, "man", 1, "Level 1")];
  for (let n = 2; n <= 12; n++) chain.push(cause(10 + n, 9 + n, "man", n, "Level " + n));
  const layout = treeLayout(treeOf(chain), HEAD, { width: 1230, height: 420 }, OPTS);
  assert.ok(layout.hidden > 0);
  assert.equal(texts(layout).filter((i) => i.card).length + layout.hidden, 12);
  inside(layout);
});

test("trim: as many columns as there is room for, the rest as one +N", () => {
  const leaf = (id) => ({ card: { id }, children: [] });
  const nodes = [leaf(1), leaf(2), { card: { id: 3 }, children: [leaf(4), leaf(5)] }, leaf(6)];
  assert.equal(trim(nodes, 5, 3).width, 5);
  const tight = trim(nodes, 3, 3);
  assert.equal(tight.width, 3);
  assert.deepEqual(tight.items.map((i) => (i.more ? "+" + i.more : i.node.card.id)), [1, 2, "+4"]);
  const shallow = trim(nodes, 5, 1);
  assert.equal(shallow.items[2].cut, 2, "whys below the last row are counted on their cause");
});

test("balance: columns with long texts get the width, short ones keep the floor", () => {
  const nodes = [{ at: 0, width: 1, level: 1, chars: 120 }, { at: 1, width: 1, level: 1, chars: 10 }, { at: 2, width: 1, level: 1, chars: 10 }];
  const widths = balance(nodes, 3, 600, 120, (n, w) => Math.ceil((n.chars * 11) / w));
  assert.ok(widths[0] > widths[1] && widths[1] >= 120 && widths[2] >= 120);
  assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - 600) < 1);
});

test("short of room, a root cause is drawn and other causes give way to +N (fishbone and tree)", () => {
  const many = [];
  for (let n = 0; n < 30; n++) many.push(cause(100 + n, 1, "man", 1, "Penyebab nomor " + n + " yang cukup panjang untuk dua baris"));
  many.push(cause(200, 129, "man", 2, "Akar yang dibintangi fasilitator", true));
  for (const layout of [fishboneLayout(treeOf(many), HEAD, BOX, OPTS), treeLayout(treeOf(many), HEAD, BOX, OPTS)]) {
    assert.ok(layout.hidden > 0, "some causes give way");
    const drawn = texts(layout).filter((i) => i.card).map((i) => i.card);
    assert.ok(drawn.includes(200), "the root cause is drawn");
    assert.ok(drawn.includes(129), "with the cause it explains");
    inside(layout);
  }
});

test("a problem tree short of room at 1024 x 768 drops a row of whys before it cuts a text", () => {
  const long = " karena verifikasi berkas di kecamatan masih manual dan lambat";
  const deep = [];
  for (let b = 0; b < 4; b++) {
    const top = 300 + b * 10;
    deep.push(cause(top, 1, BONES[b].key, 1, "Penyebab utama nomor " + b + long));
    deep.push(cause(top + 1, top, BONES[b].key, 2, "Mengapa pertama " + b + long));
    deep.push(cause(top + 2, top + 1, BONES[b].key, 3, "Mengapa kedua " + b + long));
  }
  const layout = treeLayout(treeOf(deep), HEAD, { width: 984, height: 430 }, OPTS);
  const cut = texts(layout).filter((i) => i.lines.some((line) => line.endsWith("…")));
  assert.deepEqual(cut.map((i) => i.lines.join(" ")), [], "no box ends in …");
  assert.ok(texts(layout).some((i) => i.card === 300), "the first row is drawn");
  inside(layout);
});
