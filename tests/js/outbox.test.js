// The real static/js/shared/outbox.js with a fake storage and a fake server.
import test from "node:test";
import assert from "node:assert/strict";
import { Outbox, KEEP_QUEUED, newId } from "../../static/js/shared/outbox.js";

function memoryStorage(initial) {
  const data = Object.assign({}, initial || {});
  return { data, getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => { data[k] = String(v); } };
}

/* A server that answers by hand: sent holds [item, reply(err, answer)]. */
function harness(opts) {
  const sent = [];
  const stored = [];
  const rejected = [];
  let online = true;
  let ids = 0;
  const storage = (opts && opts.storage) || memoryStorage();
  const outbox = new Outbox({
    storage,
    key: "urai:outbox:ABCDEF",
    send: (item, done) => sent.push([JSON.parse(JSON.stringify(item)), done]),
    canSend: () => online,
    onStored: (card, item) => stored.push([card, item.client_id]),
    onRejected: (item, error) => rejected.push([item.text, error && error.code]),
    newId: () => "id-" + String(++ids).padStart(6, "0")
  });
  return { outbox, sent, stored, rejected, storage, setOnline: (v) => { online = v; } };
}

test("a post is queued in storage with its id and sent once", () => {
  const h = harness();
  const item = h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Antrean" });
  assert.equal(item.client_id, "id-000001");
  assert.deepEqual(JSON.parse(h.storage.data["urai:outbox:ABCDEF"]), [item]);
  assert.equal(h.sent.length, 1);
  h.outbox.flush();
  assert.equal(h.sent.length, 1, "not sent again while on its way");
  h.sent[0][1](null, { ok: true, card: { id: 17, client_id: item.client_id }, duplicate: false });
  assert.deepEqual(h.outbox.items(), []);
  assert.equal(h.storage.data["urai:outbox:ABCDEF"], "[]");
  assert.deepEqual(h.stored, [[{ id: 17, client_id: item.client_id }, item.client_id]]);
});

test("offline, posts wait; back online, each goes with the id it was given", () => {
  const h = harness();
  h.setOnline(false);
  h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Satu" });
  h.outbox.add({ kind: "solution", parent_id: 4, text: "Dua" });
  assert.equal(h.sent.length, 0);
  h.setOnline(true);
  h.outbox.flush();
  assert.deepEqual(h.sent.map(([item]) => [item.client_id, item.text]), [["id-000001", "Satu"], ["id-000002", "Dua"]]);
});

test("no answer, or an error worth retrying, keeps the post for a resend with the same id", () => {
  const h = harness();
  h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Satu" });
  h.sent[0][1](new Error("timeout"));
  for (const code of KEEP_QUEUED) {
    h.outbox.flush();
    h.sent[h.sent.length - 1][1](null, { ok: false, error: { code, message: "nanti" } });
  }
  h.outbox.flush();
  assert.equal(h.sent.length, 2 + KEEP_QUEUED.length);
  assert.ok(h.sent.every(([item]) => item.client_id === "id-000001"));
  assert.equal(h.outbox.items().length, 1);
  assert.deepEqual(h.rejected, []);
});

test("a duplicate answer (the first was stored) empties the queue like any success", () => {
  const h = harness();
  h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Satu" });
  h.sent[0][1](new Error("ack lost"));
  h.outbox.flush();
  h.sent[1][1](null, { ok: true, card: { id: 3 }, duplicate: true });
  assert.deepEqual(h.outbox.items(), []);
  assert.equal(h.stored.length, 1);
});

test("a refused post leaves the queue and is reported", () => {
  const h = harness();
  h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Terlambat" });
  h.sent[0][1](null, { ok: false, error: { code: "forbidden", message: "Waktu habis" } });
  assert.deepEqual(h.outbox.items(), []);
  assert.deepEqual(h.rejected, [["Terlambat", "forbidden"]]);
});

test("an id that clashes with someone else's post is replaced, and the post sent again", () => {
  const h = harness();
  h.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Satu" });
  h.sent[0][1](null, { ok: false, error: { code: "conflict", message: "dipakai" } });
  assert.deepEqual(h.outbox.items().map((i) => [i.client_id, i.text]), [["id-000002", "Satu"]]);
  h.outbox.flush();
  assert.equal(h.sent[1][0].client_id, "id-000002");
});

test("the queue survives a reload, and broken or blocked storage leaves it in memory", () => {
  const first = harness();
  first.setOnline(false);
  first.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Tersimpan" });
  const again = harness({ storage: first.storage });
  assert.deepEqual(again.outbox.items().map((i) => i.text), ["Tersimpan"]);
  const broken = harness({ storage: memoryStorage({ "urai:outbox:ABCDEF": "{not json" }) });
  assert.deepEqual(broken.outbox.items(), []);
  const blocked = harness({ storage: { getItem() { throw new Error("denied"); }, setItem() { throw new Error("full"); } } });
  blocked.setOnline(false);
  blocked.outbox.add({ kind: "bottleneck", sector_id: 1, text: "Di memori" });
  assert.deepEqual(blocked.outbox.items().map((i) => i.text), ["Di memori"]);
});

test("ids are 32 hex characters, as card:post's client_id rule allows", () => {
  const a = newId();
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, newId());
});
