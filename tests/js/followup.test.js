// The real static/js/shared/followup.js: the follow-up state a page keeps, fed by Stream.
import test from "node:test";
import assert from "node:assert/strict";
import { FollowUp, statusPayload, alongside } from "../../static/js/shared/followup.js";
import { Store } from "../../static/js/shared/store.js";
import { Cursor } from "../../static/js/shared/stream.js";

const W = (state) => ({ state, sectors: [], phases: [], phase_id: null, settings: { concealed: false, anonymous: false, votes_revealed: true }, timer: {} });
const item = (id, key, status) => ({ card_id: id, agency: key, agency_key: key, status: status || "belum", overdue: false });

test("a phone keeps only its own agency's items, from the snapshot and after", () => {
  const f = new FollowUp({ agencyKey: "dinas pendidikan" });
  f.load({ workshop: W("follow_up"), follow_up: { items: [item(1, "dinas pendidikan"), item(2, "dinas kesehatan")] } });
  assert.deepEqual(f.items().map((i) => i.card_id), [1]);
  f.apply({ type: "followup.updated", data: item(3, "dinas kesehatan") });
  f.apply({ type: "followup.updated", data: item(1, "dinas pendidikan", "berjalan") });
  assert.deepEqual(f.items().map((i) => [i.card_id, i.status]), [[1, "berjalan"]]);
  // The facilitator gave the plan to another agency: it leaves this phone's list.
  f.apply({ type: "followup.updated", data: item(1, "dinas kesehatan") });
  assert.deepEqual(f.items(), []);
});

test("steering keeps every item, ordered by agency then age, and the progress it is sent", () => {
  const f = new FollowUp();
  f.load({ workshop: W("running"), follow_up: { items: [item(5, "b"), item(2, "b"), item(9, "a")], progress: [{ agency_key: "a" }] } });
  assert.deepEqual(f.items().map((i) => i.card_id), [9, 2, 5]);
  f.apply({ type: "followup.progress", data: { agencies: [{ agency_key: "b", berjalan: 1 }] } });
  assert.deepEqual(f.progress, [{ agency_key: "b", berjalan: 1 }]);
});

test("reporting opens only at the follow-up meeting; an archive is read-only; a new state asks for a snapshot", () => {
  const f = new FollowUp({ agencyKey: "x" });
  f.load({ workshop: W("ended"), follow_up: { items: [] } });
  assert.equal(f.open(), false);
  assert.equal(f.apply({ type: "workshop.updated", data: W("follow_up") }), true);
  assert.equal(f.open(), true);
  assert.equal(f.apply({ type: "workshop.updated", data: W("follow_up") }), false, "same state: nothing to refetch");
  f.apply({ type: "workshop.updated", data: W("archived") });
  assert.equal(f.readOnly(), true);
  assert.equal(f.open(), false);
});

test("a tap sends the item's id, the status and the note trimmed", () => {
  assert.deepEqual(statusPayload(item(7, "x"), "selesai", "  Sudah jalan \n"), { card_id: 7, status: "selesai", note: "Sudah jalan" });
  assert.deepEqual(statusPayload(item(7, "x"), "belum", undefined), { card_id: 7, status: "belum", note: "" });
});

test("alongside feeds the page's Store and the FollowUp from one Cursor", () => {
  const store = new Store({ snapshotSettings: ["cause_depth"] });
  const f = new FollowUp();
  const c = new Cursor(alongside(store, f));
  c.start(null);
  c.finish({ ok: true, mode: "snapshot", seq: 10, snapshot: { workshop: W("follow_up"), cards: [], follow_up: { items: [item(1, "a")] } } });
  assert.equal(store.workshop.state, "follow_up");
  assert.equal(f.items().length, 1);
  c.receive({ seq: 11, type: "followup.updated", sector_id: null, data: item(1, "a", "selesai") });
  assert.equal(f.item(1).status, "selesai");
  assert.equal(c.seq, 11);
  const again = c.receive({ seq: 12, type: "workshop.updated", sector_id: null, data: W("archived") });
  assert.equal(again, true, "the state changed: the page asks for a fresh snapshot");
});
