// The store's indexes (cards by board, children by parent, cards by client_id)
// against the plain answer, a walk of every card, through every way a card
// changes: posted, edited, moved to another board or parent, merged and
// unmerged, deleted and restored, removed, a board shown anew, a snapshot.
import test from "node:test";
import assert from "node:assert/strict";
import { Store, isShown } from "../../static/js/shared/store.js";

function summary() {
  return {
    sectors: [{ id: 1, name: "Kesehatan" }, { id: 2, name: "Pendidikan" }, { id: 3, name: "Adminduk" }],
    phases: [{ id: 10, name: "Identifikasi" }],
    phase_id: 10,
    settings: { votes_revealed: true },
    timer: null
  };
}

function card(id, extra) {
  return Object.assign({ id, client_id: "c" + id, sector_id: 1, kind: "bottleneck", parent_id: null, text: "Kartu " + id, status: "visible", cluster_id: null, votes: 0 }, extra || {});
}

function loaded(cards) {
  const store = new Store();
  store.load({ workshop: summary(), cards: cards || [], clusters: [] });
  return store;
}

function ids(cards) {
  return cards.map(function (c) { return c.id; });
}

/* The plain answers, from every card, in id order. */
function walk(store, test) {
  return Object.values(store.cards).filter(test).sort(function (a, b) { return a.id - b.id; }).map(function (c) { return c.id; });
}

/* Every indexed question asked of every board and every card, against the walk. */
function agrees(store) {
  [1, 2, 3].forEach(function (s) {
    assert.deepEqual(ids(store.onBoard(s)), walk(store, function (c) { return c.sector_id === s; }), "board " + s);
    assert.deepEqual(ids(store.cardsOf(s)), walk(store, function (c) { return c.sector_id === s && isShown(c); }), "shown on " + s);
    assert.deepEqual(ids(store.bottlenecks(s)), walk(store, function (c) { return c.sector_id === s && c.kind === "bottleneck" && isShown(c); }), "bottlenecks of " + s);
  });
  Object.values(store.cards).forEach(function (parent) {
    const id = parent.id;
    assert.deepEqual(ids(store.childrenOf(id)), walk(store, function (c) { return c.parent_id === id; }), "children of " + id);
    assert.deepEqual(ids(store.solutionsOf(id)), walk(store, function (c) { return c.parent_id === id && c.kind === "solution" && isShown(c); }), "solutions of " + id);
  });
  Object.values(store.cards).forEach(function (c) {
    assert.equal(store.withClient(c.client_id), c, "client " + c.client_id);
  });
}

test("posted, edited, moved, merged, unmerged, deleted and removed cards stay where the walk finds them", () => {
  const store = loaded([card(1), card(2, { sector_id: 2 }), card(3, { kind: "solution", parent_id: 1 })]);
  agrees(store);
  const apply = function (type, data) { store.apply({ type: type, data: data }); agrees(store); };

  apply("card.created", card(4, { kind: "solution", parent_id: 1 }));
  assert.deepEqual(ids(store.solutionsOf(1)), [3, 4]);
  apply("card.created", card(5, { kind: "cause", parent_id: 1, bone: "man" }));
  apply("card.created", card(6, { kind: "cause", parent_id: 5, bone: "man" }));
  assert.deepEqual(ids(store.childrenOf(1)), [3, 4, 5]);
  assert.deepEqual(ids(store.childrenOf(5)), [6]);

  apply("card.updated", { id: 1, text: "Diubah" }); // an edit keeps its places
  assert.deepEqual(ids(store.bottlenecks(1)), [1]);
  apply("card.updated", { id: 1, sector_id: 2 }); // moved to another board
  assert.deepEqual(ids(store.bottlenecks(1)), []);
  assert.deepEqual(ids(store.bottlenecks(2)), [1, 2]);
  apply("card.updated", { id: 4, parent_id: 2 }); // a solution moved under another card
  assert.deepEqual(ids(store.solutionsOf(1)), [3]);
  assert.deepEqual(ids(store.solutionsOf(2)), [4]);

  apply("card.updated", { id: 2, status: "merged", merged_into: 1 }); // merged: off its board
  assert.deepEqual(ids(store.bottlenecks(2)), [1]);
  assert.deepEqual(ids(store.onBoard(2)), [1, 2]);
  apply("card.updated", { id: 4, status: "merged", merged_into: 3 });
  assert.deepEqual(ids(store.solutionsOf(2)), []);
  apply("card.updated", { id: 2, status: "visible", merged_into: null }); // unmerged
  apply("card.updated", { id: 4, status: "visible", merged_into: null });
  assert.deepEqual(ids(store.bottlenecks(2)), [1, 2]);
  assert.deepEqual(ids(store.solutionsOf(2)), [4]);

  apply("card.updated", { id: 3, status: "deleted" }); // deleted (recoverable)
  assert.deepEqual(ids(store.solutionsOf(1)), []);
  apply("card.updated", { id: 3, status: "visible" }); // restored
  assert.deepEqual(ids(store.solutionsOf(1)), [3]);

  apply("card.removed", { id: 5 }); // no longer seen
  assert.deepEqual(ids(store.childrenOf(1)), [3]);
  assert.equal(store.withClient("c5"), null);
  apply("card.removed", { id: 99 }); // one never held
});

test("a board shown anew replaces that board's cards in the indexes, and only those", () => {
  const store = loaded([card(1), card(2), card(3, { sector_id: 2 }), card(4, { kind: "solution", parent_id: 1 })]);
  store.apply({ type: "board.shown", data: { sector_id: 1, complete: true, cards: [card(2, { text: "Tampak" })] } });
  agrees(store);
  assert.deepEqual(ids(store.onBoard(1)), [2]);
  assert.deepEqual(ids(store.childrenOf(1)), []);
  assert.deepEqual(ids(store.onBoard(2)), [3]);
  store.apply({ type: "board.shown", data: { sector_id: 2, complete: false, cards: [card(7, { sector_id: 2 })] } });
  agrees(store);
  assert.deepEqual(ids(store.onBoard(2)), [3, 7]);
});

test("a snapshot rebuilds the indexes from nothing", () => {
  const store = loaded([card(1), card(2, { kind: "solution", parent_id: 1 })]);
  store.load({ workshop: summary(), cards: [card(3, { sector_id: 3 }), card(4, { kind: "solution", parent_id: 3, sector_id: 3 })], clusters: [] });
  agrees(store);
  assert.deepEqual(ids(store.onBoard(1)), []);
  assert.deepEqual(ids(store.solutionsOf(1)), []);
  assert.deepEqual(ids(store.solutionsOf(3)), [4]);
  assert.equal(store.withClient("c2"), null);
});

test("cards arriving out of order are kept in id order, and tallies need no reindexing", () => {
  const store = loaded([]);
  [5, 2, 9, 1, 7].forEach(function (id) { store.apply({ type: "card.created", data: card(id) }); });
  store.apply({ type: "votes.tallied", data: { sector_id: 1, tallies: { 2: 4, 9: 1 } } });
  store.apply({ type: "votes.updated", data: { card_id: 5, votes: 3 } });
  agrees(store);
  assert.deepEqual(ids(store.bottlenecks(1)), [1, 2, 5, 7, 9]);
  assert.deepEqual(store.bottlenecks(1).map(function (c) { return c.votes; }), [0, 4, 3, 0, 1]);
});

test("the lists handed out are the caller's own: reversing one changes no index", () => {
  const store = loaded([card(1), card(2), card(3, { kind: "solution", parent_id: 1 })]);
  store.bottlenecks(1).reverse();
  store.solutionsOf(1).pop();
  store.onBoard(1).length = 0;
  agrees(store);
});

test("a random run of changes keeps every index equal to the walk", () => {
  let seed = 24;
  const rand = function (n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const store = loaded([]);
  let next = 1;
  for (let step = 0; step < 600; step++) {
    const held = Object.keys(store.cards).map(Number);
    const some = held.length ? held[rand(held.length)] : null;
    const roll = rand(10);
    if (roll < 4 || some === null) {
      const parent = held.length && rand(2) ? held[rand(held.length)] : null;
      const kind = parent === null ? "bottleneck" : ["solution", "cause"][rand(2)];
      store.apply({ type: "card.created", data: card(next++, { kind: kind, parent_id: parent, sector_id: 1 + rand(3) }) });
    } else if (roll < 6) {
      store.apply({ type: "card.updated", data: { id: some, sector_id: 1 + rand(3) } });
    } else if (roll < 7) {
      store.apply({ type: "card.updated", data: { id: some, status: ["visible", "merged", "deleted", "pending"][rand(4)] } });
    } else if (roll < 8) {
      store.apply({ type: "card.updated", data: { id: some, parent_id: held[rand(held.length)] } });
    } else if (roll < 9) {
      store.apply({ type: "card.removed", data: { id: some } });
    } else {
      const board = 1 + rand(3);
      const kept = Object.values(store.cards).filter(function (c) { return c.sector_id === board && rand(2); });
      store.apply({ type: "board.shown", data: { sector_id: board, complete: true, cards: kept } });
    }
    agrees(store);
  }
});
