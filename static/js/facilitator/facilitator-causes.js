/* Root causes on the facilitator's boards: under each bottleneck, its causes
 * as a tree, bone by bone, each "why?" under the cause it answers. The cause
 * cards are drawn by facilitator-card.js like every other card; their
 * switches (analyse, root cause, the projector's focus) are in the card's
 * menu (facilitator-menu.js). */

import { el, fmt, setText, syncChildren } from "../shared/dom.js";
import { causeTree } from "../shared/causes.js";

/* Causes the facilitator sees in the tree: every status but merged (those live on in their target). */
export function inTree(card) {
  return card.status !== "merged";
}

/* The bottleneck a cause hangs under (following its parents), or null. */
export function bottleneckOf(store, card) {
  let c = card;
  for (let hops = 0; c && c.kind === "cause" && hops < 50; hops++) c = store.cards[c.parent_id];
  return c && c.kind === "bottleneck" ? c.id : null;
}

/* Put bottleneck `id`'s causes under its node (parts from facilitator-card.js:
 * causes, causeList, causeCount, bones), each drawn by `nodeOf(card)`. */
export function syncTree(ctx, cards, id) {
  const node = cards.nodes[id];
  if (!node || !node.causes) return;
  const tree = causeTree(ctx.store, id, inTree);
  const sections = tree.bones.filter(function (bone) { return bone.causes.length; }).map(function (bone) {
    let section = node.bones[bone.key];
    if (!section) {
      section = node.bones[bone.key] = { title: el("h5", { className: "fac-bone-name" }), list: el("ol", { className: "cards fac-cause-tree" }) };
      section.root = el("li", { className: "fac-bone", "data-bone": bone.key }, [section.title, section.list]);
    }
    setText(section.title, bone.name);
    syncChildren(section.list, bone.causes.map(function (n) { return cards.nodeOf(n.card); }));
    return section.root;
  });
  syncChildren(node.causeList, sections);
  (function walk(list) {
    list.forEach(function (n) {
      cards.nodeOf(n.card);
      const parts = cards.nodes[n.card.id];
      if (parts.whys) syncChildren(parts.whys, n.children.map(function (child) { return cards.nodeOf(child.card); }));
      walk(n.children);
    });
  })(tree.bones.reduce(function (all, bone) { return all.concat(bone.causes); }, []));
  setText(node.causeCount, tree.count === 1 ? ctx.t.causes_one : fmt(ctx.t.causes_n, { n: tree.count }));
  node.causes.hidden = tree.count === 0;
}
