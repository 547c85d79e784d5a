// The real static/js/shared/store.js, fed snapshots and broadcasts as the server sends them.
import test from "node:test";
import assert from "node:assert/strict";
import { Store, compareKeys, formatSeconds, isScored } from "../../static/js/shared/store.js";

const SNAPSHOT = ["cause_depth"];

function summary(extra) {
  return Object.assign({
    code: "ABCDEF",
    sectors: [{ id: 1, name: "Kesehatan", locked: false }, { id: 2, name: "Pendidikan", locked: false }],
    phases: [{ id: 10, name: "Identifikasi", prompt: "" }, { id: 11, name: "Voting", prompt: "" }],
    phase_id: 10,
    settings: { locked: false, concealed: false, anonymous: false, votes_revealed: true, vote_budget: 3, vote_cap: null, cause_depth: 3 },
    timer: { seconds: null, running: false, remaining: null, lock: false },
    open: { posting: { 1: { bottleneck: null, solution: null } }, voting: null, scoring: false }
  }, extra || {});
}

function card(id, extra) {
  return Object.assign({ id, client_id: "c" + id, sector_id: 1, kind: "bottleneck", parent_id: null, text: "Kartu " + id, status: "visible", cluster_id: null, votes: 0, actions: ["vote"] }, extra || {});
}

function loaded(cards, extra) {
  const store = new Store({ snapshotSettings: SNAPSHOT });
  store.load(Object.assign({ workshop: summary(), cards: cards || [], clusters: [] }, extra || {}));
  return store;
}

test("a snapshot replaces everything, and tells the listeners", () => {
  const store = loaded([card(1)]);
  const seen = [];
  store.onChange((change) => seen.push(change.type));
  store.load({ workshop: summary(), cards: [card(2), card(3)], clusters: [{ id: 5, sector_id: 1, title: "A" }], my_votes: { cards: {}, left: { bottleneck: 3, solution: 3 } } });
  assert.deepEqual(Object.keys(store.cards), ["2", "3"]);
  assert.equal(store.clusters[5].title, "A");
  assert.equal(store.myVotes.left.bottleneck, 3);
  assert.deepEqual(seen, ["snapshot"]);
});

test("card.updated merges over the card and keeps what it leaves out (votes)", () => {
  const store = loaded([card(1, { votes: 4 })]);
  store.apply({ seq: 2, type: "card.updated", data: { id: 1, text: "Baru", status: "hidden" } });
  assert.equal(store.cards[1].text, "Baru");
  assert.equal(store.cards[1].status, "hidden");
  assert.equal(store.cards[1].votes, 4);
});

test("a new card's tally is what the server sent: 0 where tallies are shown, none while hidden", () => {
  const store = loaded([]);
  store.apply({ seq: 3, type: "card.created", data: { id: 8, sector_id: 1, kind: "bottleneck", text: "x", status: "visible", votes: 0 } });
  assert.equal(store.cards[8].votes, 0);
  const hidden = loaded([]);
  hidden.workshop.settings.votes_revealed = false;
  hidden.apply({ seq: 2, type: "card.created", data: { id: 9, sector_id: 1, kind: "bottleneck", text: "x", status: "visible" } });
  assert.equal("votes" in hidden.cards[9], false);
});

test("card.removed, votes.updated and clusters", () => {
  const store = loaded([card(1), card(2)]);
  store.apply({ seq: 2, type: "card.removed", data: { id: 1 } });
  store.apply({ seq: 3, type: "votes.updated", data: { card_id: 2, sector_id: 1, votes: 6 } });
  store.apply({ seq: 4, type: "votes.updated", data: { card_id: 99, sector_id: 1, votes: 1 } });
  store.apply({ seq: 5, type: "cluster.updated", data: { id: 3, sector_id: 1, title: "Antrean" } });
  assert.deepEqual(Object.keys(store.cards), ["2"]);
  assert.equal(store.cards[2].votes, 6);
  assert.equal(store.cards[99], undefined);
  assert.deepEqual(store.clustersOf(1).map((c) => c.title), ["Antrean"]);
  store.apply({ seq: 6, type: "cluster.removed", data: { id: 3, sector_id: 1 } });
  assert.deepEqual(store.clustersOf(1), []);
});

test("votes.tallied sets a board's tallies at once, skipping cards this screen does not hold", () => {
  const store = loaded([card(1), card(2)]);
  store.apply({ seq: 2, type: "votes.tallied", data: { sector_id: 1, tallies: { 1: 4, 2: 7, 99: 1 } } });
  assert.equal(store.cards[1].votes, 4);
  assert.equal(store.cards[2].votes, 7);
  assert.equal(store.cards[99], undefined);
});

test("a change of the snapshot settings asks for a fresh snapshot; a reveal does not", () => {
  const store = loaded([]);
  const locked = summary();
  locked.settings = Object.assign({}, locked.settings, { locked: true });
  assert.equal(store.apply({ seq: 2, type: "workshop.updated", data: locked }), false);
  const concealed = summary();
  concealed.settings = Object.assign({}, locked.settings, { concealed: true });
  assert.equal(store.apply({ seq: 3, type: "workshop.updated", data: concealed }), false, "board.shown follows");
  assert.equal(store.workshop.settings.concealed, true);
  const deeper = summary();
  deeper.settings = Object.assign({}, concealed.settings, { cause_depth: 4 });
  assert.equal(store.apply({ seq: 4, type: "workshop.updated", data: deeper }), true);
});

test("board.shown replaces a board's cards whole; the author's own forms merge after", () => {
  const store = loaded([card(1, { votes: 4 }), card(2), card(3, { sector_id: 2 })]);
  // Tallies hidden and card 2 concealed from this viewer: gone, and no stale dots linger.
  const hidden = card(1);
  delete hidden.votes;
  store.apply({ seq: 5, type: "board.shown", sector_id: 1, data: { sector_id: 1, cards: [hidden], complete: true } });
  assert.deepEqual(Object.keys(store.cards), ["1", "3"], "the other board is untouched");
  assert.equal("votes" in store.cards[1], false);
  // Then the author's own card 2, in their form.
  store.apply({ seq: 5, type: "board.shown", sector_id: 1, data: { sector_id: 1, cards: [card(2, { actions: ["vote", "plan"] })], complete: false } });
  assert.deepEqual(Object.keys(store.cards), ["1", "2", "3"]);
  assert.deepEqual(store.cards[2].actions, ["vote", "plan"]);
});

test("roster and participants", () => {
  const store = loaded([]);
  store.apply({ seq: 2, type: "roster.updated", data: { total: 4, per_sector: { 1: 4 } } });
  store.apply({ seq: 3, type: "participant.updated", data: { id: 5, name: "Andi", sector_id: 1 } });
  assert.equal(store.roster.total, 4);
  assert.equal(store.participants[5].name, "Andi");
});

test("boards: shown bottlenecks oldest first, their solutions, and the clusters they are in", () => {
  const store = loaded([
    card(3), card(1, { status: "merged" }), card(2, { status: "deleted" }), card(4, { sector_id: 2 }), card(5, { cluster_id: 9 }),
    card(6, { kind: "solution", parent_id: 3 }), card(7, { kind: "solution", parent_id: 3, status: "merged" })
  ], { clusters: [{ id: 9, sector_id: 1, title: "Obat" }, { id: 8, sector_id: 1, title: "Kosong" }] });
  assert.deepEqual(store.bottlenecks(1).map((c) => c.id), [3, 5]);
  assert.deepEqual(store.solutionsOf(3).map((c) => c.id), [6]);
  assert.deepEqual(store.cardsOf(1).map((c) => c.id), [3, 5, 6]);
  const grouped = store.grouped(1, store.bottlenecks(1));
  assert.deepEqual(grouped.groups.map((g) => [g.cluster.id, g.cards.map((c) => c.id)]), [[9, [5]]]);
  assert.deepEqual(grouped.loose.map((c) => c.id), [3]);
  assert.equal(store.phase().name, "Identifikasi");
  assert.equal(store.sector(2).name, "Pendidikan");
});

test("the ranking follows the server's rank_key; ranks count only the scored", () => {
  const scored = (total) => ({ u: 1, s: 1, g: 1, total, apkl: {} });
  const store = loaded([
    card(1, { rank_key: [1, 0, 0, 0, 1], assessment: null }),
    card(2, { rank_key: [0, -12, -5, -4, 2], assessment: scored(12) }),
    card(3, { rank_key: [0, -12, -5, -3, 3], assessment: scored(12) }),
    card(4, { rank_key: [0, -14, -4, -5, 4], assessment: scored(14), status: "hidden" }),
    card(5, { rank_key: [0, -9, -3, -3, 5], assessment: scored(9) })
  ]);
  assert.deepEqual(store.ranking(1).map((r) => [r.card.id, r.rank]), [[2, 1], [3, 2], [5, 3], [1, null]]);
  assert.equal(isScored(store.cards[1]), false);
});

test("compareKeys compares element by element, smaller first", () => {
  assert.equal(compareKeys([0, -3], [0, -2]), -1);
  assert.equal(compareKeys([1, 0], [0, 9]), 1);
  assert.equal(compareKeys([0, 1], [0, 1]), 0);
  assert.equal(compareKeys([0], [0, 1]), -1);
  assert.equal(compareKeys(undefined, [0]), 1);
});

test("the timer counts down from when the state arrived; timeUp only with its lock", () => {
  let now = 1000000;
  const store = new Store({ now: () => now });
  store.load({ workshop: summary({ timer: { seconds: 60, running: true, remaining: 10, lock: true } }), cards: [] });
  assert.equal(store.timerLeft(), 10);
  now += 4000;
  assert.equal(store.timerLeft(), 6);
  assert.equal(store.timeUp(), false);
  now += 20000;
  assert.equal(store.timerLeft(), 0);
  assert.equal(store.timeUp(), true);
  store.setWorkshop(summary({ timer: { seconds: 60, running: false, remaining: 0, lock: false } }));
  assert.equal(store.timeUp(), false);
  store.setWorkshop(summary({ timer: { seconds: 60, running: false, remaining: 30, lock: true } }));
  now += 99000;
  assert.equal(store.timerLeft(), 30, "a paused timer stands still");
  store.setWorkshop(summary());
  assert.equal(store.timerLeft(), null);
  assert.equal(formatSeconds(65), "1:05");
  assert.equal(formatSeconds(-3), "0:00");
});
