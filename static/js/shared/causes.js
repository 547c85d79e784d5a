/* Root causes as every page shows them: a bottleneck's causes as a tree
 * grouped by the bones of the fishbone, built from the store's cards, and
 * which bottleneck the projector puts on stage. No DOM: tested with node
 * --test (tests/js/causes.test.js). See docs/PROTOCOL.md, "Causes". */

import { isShown } from "./store.js";

/* The workshop's bones, [{key, name}], in order. */
export function bonesOf(store) {
  return (store.workshop && store.workshop.bones) || [];
}

/* A bottleneck's causes, kept by `keep(card)` (default: shown, not merged or
 * deleted), as {bones: [{key, name, causes: [node]}], count}, where a node is
 * {card, level, children: [node]}: the bones in the workshop's order (a bone
 * the workshop no longer names comes last, under its key), each "why?" under
 * the cause it explains, oldest first. A cause whose parent is not kept
 * cannot be placed and is left out, like its own "why?"s. */
export function causeTree(store, bottleneckId, keep) {
  const test = keep || isShown;
  // From the store's index of children: the tree's own cards, not the workshop's.
  function causesUnder(id) {
    return store.childrenOf(id).filter(function (c) { return c.kind === "cause" && test(c); });
  }
  let count = 0;
  function grow(card, level) {
    count += 1;
    return { card: card, level: level, children: causesUnder(card.id).map(function (c) { return grow(c, level + 1); }) };
  }
  const groups = bonesOf(store).map(function (bone) { return { key: bone.key, name: bone.name, causes: [] }; });
  const byKey = {};
  groups.forEach(function (g) { byKey[g.key] = g; });
  causesUnder(bottleneckId).forEach(function (card) {
    const key = card.bone || "";
    if (!byKey[key]) groups.push((byKey[key] = { key: key, name: key, causes: [] }));
    byKey[key].causes.push(grow(card, 1));
  });
  return { bones: groups, count: count };
}

/* The nodes of a tree (a list of nodes) depth first, as the problem tree reads. */
export function flatten(nodes) {
  const out = [];
  (function walk(list) {
    list.forEach(function (node) {
      out.push(node);
      walk(node.children);
    });
  })(nodes);
  return out;
}

/* Every cause node of a tree, bone by bone. */
export function allNodes(tree) {
  return flatten(tree.bones.reduce(function (all, bone) { return all.concat(bone.causes); }, []));
}

/* The causes a solution under this bottleneck may say it addresses: root
 * causes first, then the others, each as {value, label} for a select. */
export function addressable(store, bottleneckId) {
  const nodes = allNodes(causeTree(store, bottleneckId)).map(function (node) { return node.card; });
  const roots = nodes.filter(function (c) { return c.root; });
  return roots.concat(nodes.filter(function (c) { return !c.root; })).map(function (c) {
    return { value: String(c.id), label: (c.root ? "\u2605 " : "") + c.text };
  });
}

/* The bottlenecks chosen for analysis that the room sees, board by board (in
 * the boards' order), oldest first. */
export function analysedBottlenecks(store) {
  const order = {};
  store.sectors().forEach(function (s, i) { order[s.id] = i; });
  return store
    .list(function (c) { return c.kind === "bottleneck" && c.analysed && c.status === "visible"; })
    .sort(function (a, b) { return (order[a.sector_id] || 0) - (order[b.sector_id] || 0) || a.id - b.id; });
}

/* What the projector shows of the causes now: {focus, cards}. `focus` is the
 * bottleneck the facilitator put on the projector (focus_card_id), when this
 * screen has it; otherwise `cards` are the analysed bottlenecks to take turns,
 * while the phase collects causes. Neither: the usual boards. */
export function causesStage(store) {
  const w = store.workshop;
  if (!w) return { focus: null, cards: [] };
  const focused = w.focus_card_id ? store.cards[w.focus_card_id] : null;
  if (focused && focused.kind === "bottleneck" && isShown(focused)) return { focus: focused, cards: [focused] };
  const open = !!(w.open && w.open.causes);
  return { focus: null, cards: open ? analysedBottlenecks(store) : [] };
}
