// The real static/js/facilitator/facilitator-model.js: what the facilitator's page works out from the store.
import test from "node:test";
import assert from "node:assert/strict";
import { VotingProgress, phaseProgress, scoringProgress, approvalQueue, absorbed, nextPhase, selectionProblem, dropAction } from "../../static/js/facilitator/facilitator-model.js";
import { Store } from "../../static/js/shared/store.js";
import { alongside } from "../../static/js/shared/followup.js";

// `ranks`, as the server tells it: the phase ranks the bottlenecks (scoring open, or prioritising).
const phases = [
  { id: 1, kind: "identify", name: "Identifikasi", vote_on: null, allow_scoring: false, ranks: false },
  { id: 2, kind: "vote", name: "Voting", vote_on: "bottleneck", allow_scoring: false, ranks: false },
  { id: 3, kind: "prioritise", name: "Prioritas", vote_on: null, allow_scoring: true, ranks: true }
];
const W = (phaseId) => ({ state: "running", sectors: [{ id: 10, name: "A" }, { id: 20, name: "B" }], phases, phase_id: phaseId, settings: { concealed: false, anonymous: false, votes_revealed: true }, timer: {} });
const card = (id, extra) => Object.assign({ id, kind: "bottleneck", sector_id: 10, status: "visible", text: "k" + id }, extra || {});
const scored = { u: 3, s: 3, g: 3, total: 9, apkl: {} };

function loaded(phaseId, cards, extra) {
  const store = new Store();
  const progress = new VotingProgress();
  const both = alongside(store, progress);
  both.load(Object.assign({ workshop: W(phaseId), cards: cards, clusters: [{ id: 7, sector_id: 10, title: "K" }], roster: { total: 25, per_sector: {} } }, extra || {}));
  return { store, progress, both };
}

test("voting progress: who voted, of those present, from the snapshot and then live", () => {
  const { store, progress, both } = loaded(2, [card(1)], { voting_progress: { voted: { bottleneck: 17, solution: 0 } } });
  assert.deepEqual(phaseProgress(store, progress), { vote: { voted: 17, present: 25 }, score: null });
  let heard = 0;
  progress.onChange(() => heard++);
  assert.equal(both.apply({ type: "voting.progress", seq: 2, data: { voted: { bottleneck: 18 } } }), false);
  assert.equal(heard, 1);
  assert.deepEqual(phaseProgress(store, progress).vote, { voted: 18, present: 25 });
  // A snapshot without it (a participant's) leaves nothing behind.
  progress.load({});
  assert.equal(phaseProgress(store, progress).vote.voted, 0);
});

test("scoring progress counts visible bottlenecks of active boards; other phases have none", () => {
  const cards = [card(1, { assessment: scored }), card(2), card(3, { status: "pending" }), card(4, { kind: "solution" }), card(5, { sector_id: 99 }), card(6, { sector_id: 20 })];
  const { store, progress } = loaded(3, cards);
  assert.deepEqual(phaseProgress(store, progress), { vote: null, score: { scored: 1, left: 2, total: 3 } });
  assert.deepEqual(scoringProgress(store, 20), { scored: 0, left: 1, total: 1 });
  const idle = loaded(1, cards);
  assert.deepEqual(phaseProgress(idle.store, idle.progress), { vote: null, score: null });
});

test("one approval queue across boards; merged counts; the next phase", () => {
  const cards = [card(1, { status: "pending" }), card(2, { status: "pending", sector_id: 20, kind: "solution" }), card(3), card(4, { status: "merged", merged_into: 3 }), card(5, { status: "merged", merged_into: 3 }), card(6, { status: "pending", sector_id: 99 })];
  const { store } = loaded(1, cards);
  assert.deepEqual(approvalQueue(store).map((c) => c.id), [1, 2]);
  assert.deepEqual(absorbed(store), { 3: 2 });
  assert.equal(nextPhase(store).name, "Voting");
  assert.equal(nextPhase(loaded(3, []).store), null);
});

// As the server tells them: rules.merge_same, and each card's steering actions.
const SAME = ["kind", "sector_id"];
const steer = (id, extra) => card(id, Object.assign({ actions: ["hide", "delete", "edit", "merge"] }, extra || {}));

test("a selection merges when of one kind on one board; clusters take bottlenecks", () => {
  const { store } = loaded(1, [steer(1), steer(2), steer(3, { sector_id: 20 }), steer(4, { kind: "solution" }), steer(5, { status: "merged", merged_into: 1, actions: ["unmerge"] }), steer(6, { status: "hidden" })]);
  assert.equal(selectionProblem(store, [1, 2], "merge", SAME), null);
  assert.equal(selectionProblem(store, [1], "merge", SAME), "few");
  assert.equal(selectionProblem(store, [1], "cluster", SAME), null);
  assert.equal(selectionProblem(store, [1, 3], "merge", SAME), "board");
  assert.equal(selectionProblem(store, [1, 4], "merge", SAME), "kind");
  assert.equal(selectionProblem(store, [1, 4], "cluster", SAME), "cluster");
  assert.equal(selectionProblem(store, [1, 5], "merge", SAME), "gone");
  assert.equal(selectionProblem(store, [1, 6], "merge", SAME), null, "a hidden card still carries merge");
  assert.equal(selectionProblem(store, [1, 2], "merge", ["kind"]), null, "the page applies the rule it was told");
});

test("a drop merges onto a card of its kind and board, or moves into a cluster of its board", () => {
  const { store } = loaded(1, [steer(1), steer(2), steer(3, { sector_id: 20 }), steer(4, { kind: "solution" }), steer(8, { cluster_id: 7 }), steer(9, { status: "hidden", actions: ["show", "delete"] })]);
  assert.deepEqual(dropAction(store, 1, { card: 2 }, SAME), { action: "merge", source: 1, target: 2 });
  assert.equal(dropAction(store, 1, { card: 1 }, SAME), null);
  assert.equal(dropAction(store, 1, { card: 3 }, SAME), null);
  assert.equal(dropAction(store, 1, { card: 4 }, SAME), null);
  assert.equal(dropAction(store, 1, { card: 9 }, SAME), null, "a card without its merge action");
  assert.deepEqual(dropAction(store, 1, { cluster: 7 }, SAME), { action: "cluster", source: 1, cluster: 7 });
  assert.equal(dropAction(store, 3, { cluster: 7 }, SAME), null, "a cluster of another board");
  assert.equal(dropAction(store, 8, { cluster: 7 }, SAME), null, "already in it");
  assert.deepEqual(dropAction(store, 8, { cluster: null }, SAME), { action: "cluster", source: 8, cluster: null });
});
