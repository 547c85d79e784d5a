// The real static/js/proposals/proposals.js: drafts of proposal sections, their saves, merges and
// conflicts as the server answers them (docs/PROTOCOL.md), and unsaved text across a reload.
import test from "node:test";
import assert from "node:assert/strict";
import { ProposalDesk } from "../../static/js/proposals/proposals.js";

function memory() {
  const data = {};
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    removeItem: (k) => { delete data[k]; }
  };
}

function full(sections) {
  return {
    id: 7, sector_id: 3, solution_id: 21, bottleneck_id: 17, title: "Antrean WhatsApp", status: "draft", active: true,
    rubric: { sections: [{ key: "ringkasan", weight: 0, word_limit: 200 }, { key: "kebaruan", weight: 15, word_limit: 500 }] },
    sections: sections || [{ key: "ringkasan", text: "Awal.", version: 1, words: 1 }, { key: "kebaruan", text: "", version: 1, words: 0 }],
    checklist: {}, scores: {}, total: 0, facts: {}, editable: true
  };
}

function opened(storage) {
  const desk = new ProposalDesk({ storage: storage || null, key: "urai:proposal:X:" });
  desk.load({ proposals: [{ id: 7, sector_id: 3, title: "Antrean WhatsApp", active: true }] });
  desk.setOpen(full());
  return desk;
}

const section = (key, text, version) => ({ seq: 50 + version, type: "proposal.section", sector_id: 3, data: { proposal_id: 7, key, text, version, words: 1 } });

test("a save sends the version it started from and adopts the answer", () => {
  const desk = opened();
  desk.edit("ringkasan", "Awal. Tambah.");
  assert.equal(desk.draft("ringkasan").state, "dirty");
  assert.deepEqual(desk.outgoing("ringkasan"), { proposal_id: 7, section: "ringkasan", base_version: 1, text: "Awal. Tambah." });
  assert.equal(desk.outgoing("ringkasan"), null, "not sent twice while saving");
  desk.answered("ringkasan", { ok: true, result: "saved", section: { key: "ringkasan", text: "Awal. Tambah.", version: 2, words: 2 } });
  assert.deepEqual(desk.draft("ringkasan"), { text: "Awal. Tambah.", base: 2, state: "saved" });
  assert.equal(desk.section("ringkasan").version, 2);
});

test("another person's save replaces an untouched section but never one being typed", () => {
  const desk = opened();
  desk.apply(section("ringkasan", "Dari Rina.", 2));
  assert.deepEqual(desk.draft("ringkasan"), { text: "Dari Rina.", base: 2, state: "saved" });
  desk.edit("kebaruan", "Punya saya");
  desk.apply(section("kebaruan", "Punya Rina", 2));
  assert.equal(desk.draft("kebaruan").text, "Punya saya");
  assert.equal(desk.draft("kebaruan").base, 1, "the next save merges from where I started");
  assert.equal(desk.draft("kebaruan").elsewhere, true);
  assert.equal(desk.section("kebaruan").text, "Punya Rina");
});

test("a merged save shows the merged text", () => {
  const desk = opened();
  desk.edit("ringkasan", "Awal. Saya.");
  desk.outgoing("ringkasan");
  desk.answered("ringkasan", { ok: true, result: "merged", section: { key: "ringkasan", text: "Rina. Awal. Saya.", version: 3, words: 3 } });
  assert.deepEqual(desk.draft("ringkasan"), { text: "Rina. Awal. Saya.", base: 3, state: "saved" });
});

test("a refused save keeps my text beside theirs until I choose", () => {
  const desk = opened();
  desk.edit("ringkasan", "Versi saya.");
  desk.outgoing("ringkasan");
  desk.answered("ringkasan", { ok: true, result: "conflict", yours: "Versi saya.", section: { key: "ringkasan", text: "Versi Rina.", version: 2, words: 2 } });
  const d = desk.draft("ringkasan");
  assert.equal(d.state, "conflict");
  assert.equal(d.text, "Versi saya.");
  assert.equal(d.theirs, "Versi Rina.");
  assert.equal(desk.outgoing("ringkasan"), null, "nothing is sent until the conflict is resolved");
  // A newer save by Rina updates what is shown beside mine.
  desk.apply(section("ringkasan", "Versi Rina lagi.", 3));
  assert.equal(desk.draft("ringkasan").theirs, "Versi Rina lagi.");
  desk.keepMine("ringkasan");
  assert.deepEqual(desk.outgoing("ringkasan"), { proposal_id: 7, section: "ringkasan", base_version: 3, text: "Versi saya." });
});

test("taking their text ends the conflict with nothing to send", () => {
  const desk = opened();
  desk.edit("ringkasan", "Versi saya.");
  desk.outgoing("ringkasan");
  desk.answered("ringkasan", { ok: true, result: "conflict", section: { key: "ringkasan", text: "Versi Rina.", version: 2, words: 2 } });
  desk.takeTheirs("ringkasan");
  assert.deepEqual(desk.draft("ringkasan"), { text: "Versi Rina.", base: 2, state: "saved" });
  assert.deepEqual(desk.pending(), []);
});

test("typing on while a save is in flight keeps the new text to send next", () => {
  const desk = opened();
  desk.edit("ringkasan", "Awal. A");
  desk.outgoing("ringkasan");
  desk.edit("ringkasan", "Awal. AB");
  desk.answered("ringkasan", { ok: true, result: "saved", section: { key: "ringkasan", text: "Awal. A", version: 2, words: 2 } });
  assert.equal(desk.draft("ringkasan").state, "dirty");
  assert.equal(desk.outgoing("ringkasan").base_version, 2);
  // A merge while typing on: the old base stays, so the server merges again.
  desk.edit("ringkasan", "Awal. ABC");
  desk.answered("ringkasan", { ok: true, result: "merged", section: { key: "ringkasan", text: "X Awal. AB", version: 3, words: 3 } });
  assert.equal(desk.outgoing("ringkasan").base_version, 2);
});

test("an error or a lost answer keeps the text to send again", () => {
  const desk = opened();
  desk.edit("ringkasan", "Teks");
  desk.outgoing("ringkasan");
  desk.failed("ringkasan");
  assert.deepEqual(desk.pending(), ["ringkasan"]);
  desk.outgoing("ringkasan");
  desk.answered("ringkasan", { ok: false, error: { code: "invalid", message: "Terlalu panjang" } });
  assert.equal(desk.draft("ringkasan").text, "Teks");
  assert.equal(desk.draft("ringkasan").error, "Terlalu panjang");
});

test("unsaved text survives a reload and is sent from its old version", () => {
  const storage = memory();
  const desk = opened(storage);
  desk.edit("kebaruan", "Belum terkirim");
  const again = opened(storage);
  assert.deepEqual(again.draft("kebaruan"), { text: "Belum terkirim", base: 1, state: "dirty" });
  again.outgoing("kebaruan");
  again.answered("kebaruan", { ok: true, result: "saved", section: { key: "kebaruan", text: "Belum terkirim", version: 2, words: 2 } });
  assert.deepEqual(Object.keys(storage.data), []);
});

test("a withdrawn proposal closes; assessments and renames update the open one", () => {
  const desk = opened();
  desk.apply({ type: "proposal.assessed", data: { proposal_id: 7, checklist: { kebaruan: true }, scores: { kebaruan: 80 }, total: 12 } });
  assert.equal(desk.open.total, 12);
  desk.apply({ type: "proposal.updated", data: { id: 7, title: "Nama baru", active: true } });
  assert.equal(desk.open.title, "Nama baru");
  desk.apply({ type: "proposal.removed", data: { id: 7 } });
  assert.equal(desk.open, null);
  assert.deepEqual(desk.proposals(), []);
  assert.equal(desk.apply({ type: "card.created", data: {} }), false);
});

test("a tick just made is not undone by an older broadcast before its answer", () => {
  const desk = opened();
  desk.assess({ criterion: "efektif", ticked: true });
  assert.equal(desk.open.checklist.efektif, true, "shown at once");
  // The broadcast of an earlier score arrives first, without the tick.
  desk.apply({ type: "proposal.assessed", data: { proposal_id: 7, checklist: { efektif: false }, scores: { kebaruan: 80 }, total: 12 } });
  assert.equal(desk.open.checklist.efektif, true);
  assert.equal(desk.open.scores.kebaruan, 80);
  desk.assessed({ criterion: "efektif", ticked: true }, { checklist: { efektif: true }, scores: { kebaruan: 80 }, total: 12 });
  desk.apply({ type: "proposal.assessed", data: { proposal_id: 7, checklist: { efektif: false }, scores: {}, total: 0 } });
  assert.equal(desk.open.checklist.efektif, false, "once answered, later changes by others show");
  // An error takes the tick back to what is stored.
  desk.assess({ section: "kebaruan", score: 50 });
  desk.assessed({ section: "kebaruan", score: 50 }, null);
  desk.setOpen(full());
  assert.equal(desk.open.scores.kebaruan, undefined);
});

test("a rename keeps the open proposal's rubric whole; another rubric asks for a fresh copy", () => {
  const desk = opened();
  desk.open.rubric.name = "kipp-2025";
  const changes = [];
  desk.onChange((change) => changes.push(change.type));
  const summary = { id: 7, sector_id: 3, title: "SiAntre", status: "draft", active: true, rubric: "kipp-2025", group: "umum" };
  desk.apply({ seq: 60, type: "proposal.updated", sector_id: 3, data: summary });
  assert.equal(desk.open.title, "SiAntre");
  assert.equal(desk.open.group, "umum");
  assert.equal(desk.open.rubric.sections.length, 2, "still the whole rubric");
  assert.ok(!changes.includes("stale"));
  desk.apply({ seq: 61, type: "proposal.updated", sector_id: 3, data: { ...summary, rubric: "kipp-2023" } });
  assert.ok(changes.includes("stale"), "the page fetches the proposal with its new sections");
});

test("a saved IID profile replaces the open proposal's", () => {
  const desk = opened();
  const iid = { nama: "SiAntre", jenis: "digital" };
  desk.apply({ seq: 62, type: "proposal.iid", sector_id: 3, data: { proposal_id: 7, iid } });
  assert.deepEqual(desk.open.iid, iid);
  desk.apply({ seq: 63, type: "proposal.iid", sector_id: 3, data: { proposal_id: 8, iid: {} } });
  assert.deepEqual(desk.open.iid, iid, "another proposal's leaves it be");
});
