// The real static/js/shared/causes.js: a bottleneck's causes as the pages draw them, and what the projector shows.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { causeTree, flatten, allNodes, analysedBottlenecks, causesStage, bonesOf, addressable } from "../../static/js/shared/causes.js";
import { answersText } from "../../static/js/shared/cards.js";

const BONES = [{ key: "man", name: "Manusia" }, { key: "method", name: "Metode" }, { key: "material", name: "Material/Bahan" }];

function workshop(extra) {
  return Object.assign({
    sectors: [{ id: 2, name: "Pendidikan" }, { id: 1, name: "Kesehatan" }],
    phases: [],
    phase_id: null,
    settings: { votes_revealed: true },
    timer: { remaining: null },
    bones: BONES,
    focus_card_id: null,
    open: { posting: {}, voting: null, scoring: false, causes: true }
  }, extra || {});
}

const bottleneck = (id, extra) => Object.assign({ id, kind: "bottleneck", sector_id: 1, parent_id: null, status: "visible", analysed: true, text: "Sumbatan " + id }, extra || {});
const cause = (id, parent, extra) => Object.assign({ id, kind: "cause", sector_id: 1, parent_id: parent, status: "visible", bone: "man", depth: 1, root: false, text: "Penyebab " + id }, extra || {});

function loaded(cards, extra) {
  const store = new Store();
  store.load({ workshop: workshop(extra), cards, clusters: [] });
  return store;
}

test("causes hang on their bones in the workshop's order, each why under its cause", () => {
  const store = loaded([
    bottleneck(1),
    cause(10, 1, { bone: "method" }),
    cause(11, 1, { bone: "man" }),
    cause(12, 11, { bone: "man", depth: 2 }),
    cause(13, 12, { bone: "man", depth: 3, root: true }),
    cause(14, 11, { bone: "man", depth: 2 }),
    cause(15, 1, { bone: "man" }),
    cause(20, 2, { bone: "man" }) // another bottleneck's
  ]);
  const tree = causeTree(store, 1);
  assert.deepEqual(tree.bones.map((b) => b.key), ["man", "method", "material"], "every bone, in order");
  assert.deepEqual(tree.bones[0].causes.map((n) => n.card.id), [11, 15]);
  assert.deepEqual(tree.bones[0].causes[0].children.map((n) => n.card.id), [12, 14]);
  assert.equal(tree.bones[0].causes[0].children[0].children[0].card.root, true);
  assert.deepEqual(tree.bones[1].causes.map((n) => n.card.id), [10]);
  assert.equal(tree.bones[2].causes.length, 0);
  assert.equal(tree.count, 6);
  assert.deepEqual(flatten(tree.bones[0].causes).map((n) => [n.card.id, n.level]), [[11, 1], [12, 2], [13, 3], [14, 2], [15, 1]]);
  assert.deepEqual(allNodes(tree).map((n) => n.card.id), [11, 12, 13, 14, 15, 10]);
});

test("merged and deleted causes are left out, with the whys that hang under them", () => {
  const store = loaded([bottleneck(1), cause(11, 1), cause(12, 11, { depth: 2 }), cause(13, 1, { status: "deleted" }), cause(14, 13, { depth: 2 }), cause(15, 1, { status: "merged" })]);
  assert.deepEqual(allNodes(causeTree(store, 1)).map((n) => n.card.id), [11, 12]);
  const everything = causeTree(store, 1, (c) => c.status !== "merged");
  assert.deepEqual(allNodes(everything).map((n) => n.card.id), [11, 12, 13, 14], "the facilitator keeps deleted ones");
});

test("a bone the workshop no longer names comes last, under its key", () => {
  const store = loaded([bottleneck(1), cause(11, 1, { bone: "money" })]);
  const tree = causeTree(store, 1);
  assert.deepEqual(tree.bones.map((b) => [b.key, b.name, b.causes.length]).slice(-1), [["money", "money", 1]]);
  assert.deepEqual(bonesOf(new Store()), []);
});

test("the projector shows the bottleneck in focus, or takes turns while causes are collected", () => {
  const cards = [
    bottleneck(1, { sector_id: 1 }),
    bottleneck(2, { sector_id: 2 }),
    bottleneck(3, { analysed: false }),
    bottleneck(4, { status: "hidden" }),
    bottleneck(5, { sector_id: 2 })
  ];
  assert.deepEqual(analysedBottlenecks(loaded(cards)).map((c) => c.id), [2, 5, 1], "board by board, in the boards' order");
  const turns = causesStage(loaded(cards));
  assert.equal(turns.focus, null);
  assert.deepEqual(turns.cards.map((c) => c.id), [2, 5, 1]);
  const focused = causesStage(loaded(cards, { focus_card_id: 3 }));
  assert.equal(focused.focus.id, 3, "the facilitator's choice, analysed or not");
  assert.deepEqual(focused.cards.map((c) => c.id), [3]);
  const other = causesStage(loaded(cards, { open: { causes: false }, focus_card_id: null }));
  assert.deepEqual(other.cards, [], "another phase, no focus: the boards");
  const gone = causesStage(loaded(cards, { open: { causes: false }, focus_card_id: 99 }));
  assert.deepEqual(gone.cards, [], "a focus this screen does not have (hidden since)");
  assert.deepEqual(causesStage(new Store()).cards, []);
});

test("a solution may name a cause of its own bottleneck, root causes first", () => {
  const store = loaded([
    bottleneck(1),
    cause(10, 1, { text: "Calo" }),
    cause(11, 10, { depth: 2, text: "Warga tidak tahu gratis", root: true }),
    cause(12, 1, { bone: "method", status: "deleted", text: "Dihapus" }),
    bottleneck(2),
    cause(20, 2, { text: "Lain" }),
    { id: 30, kind: "solution", parent_id: 1, sector_id: 1, status: "visible", text: "Spanduk tarif", addresses: 11 }
  ]);
  assert.deepEqual(addressable(store, 1), [
    { value: "11", label: "\u2605 Warga tidak tahu gratis" },
    { value: "10", label: "Calo" }
  ], "root first, only this bottleneck's shown causes");
  assert.equal(answersText(store.cards[30], store.cards, "Menjawab: {text}"), "Menjawab: Warga tidak tahu gratis");
  assert.equal(answersText({ addresses: 99 }, store.cards, "Menjawab: {text}"), "", "a cause this viewer does not see is not named");
});
