/* Root causes on the facilitator's boards: under each bottleneck, the
 * "Root-cause analysis" switch (causes:choose), "Show on the projector"
 * (focus:set, once it is analysed) and its causes as a tree, bone by bone; on each cause the
 * "Root cause" switch (cause:root). Which controls show is asked of rules.js
 * (each card's `actions`). The cause cards themselves are drawn by
 * facilitator-boards.js like every other card, with their Moderate panel. */

import { el, fmt, short, setText, syncChildren, show } from "../shared/dom.js";
import { may } from "../shared/rules.js";
import { causeTree } from "../shared/causes.js";
import { errorArea, checkbox, button } from "./facilitator-ui.js";

/* Causes the facilitator sees in the tree: every status but merged (those live on in their target). */
export function inTree(card) {
  return card.status !== "merged";
}

/* The bar under a bottleneck: analyse, and the projector's focus. */
export function causesBar(ctx, id) {
  const t = ctx.t;
  const area = errorArea();
  const analyse = checkbox(t.analyse, { "data-analyse": id });
  analyse.box.addEventListener("change", function () {
    ctx.send("causes:choose", { card_id: id, chosen: analyse.box.checked }, { area: area, fail: refreshNow });
  });
  const focus = button(t.focus, "secondary", function () {
    ctx.send("focus:set", { card_id: id }, { area: area, button: focus });
  }, { "data-focus": id });
  const unfocus = button(t.unfocus, "secondary", function () {
    ctx.send("focus:set", { card_id: null }, { area: area, button: unfocus });
  });
  const onScreen = el("span", { className: "badge fac-on-screen", text: t.on_projector });
  const root = el("div", { className: "fac-causes-bar" }, [analyse.label, el("div", { className: "actions" }, [focus, onScreen, unfocus]), area]);

  function refreshNow() {
    const card = ctx.store.cards[id];
    if (card) refresh(card);
  }

  function refresh(card) {
    const canAnalyse = may(card, "analyse", ctx);
    show(analyse.label, canAnalyse);
    analyse.box.checked = !!card.analysed;
    analyse.box.setAttribute("aria-label", t.analyse + ": " + short(card.text, 60));
    const w = ctx.store.workshop;
    const focused = !!w && w.focus_card_id === card.id;
    show(focus, canAnalyse && !!card.analysed && !focused); // a fishbone to show
    show(onScreen, focused);
    show(unfocus, focused);
    root.hidden = !canAnalyse && !focused;
  }

  return { root: root, refresh: refresh };
}

/* The "Root cause" switch of a cause. */
export function rootToggle(ctx, id) {
  const area = errorArea();
  const pair = checkbox(ctx.t.mark_root, { "data-root": id });
  pair.box.addEventListener("change", function () {
    ctx.send("cause:root", { card_id: id, root: pair.box.checked }, {
      area: area,
      fail: function () {
        const card = ctx.store.cards[id];
        if (card) pair.box.checked = !!card.root;
      }
    });
  });
  const root = el("div", { className: "fac-root-toggle" }, [pair.label, area]);
  return {
    root: root,
    refresh: function (card) {
      show(root, may(card, "root", ctx));
      pair.box.checked = !!card.root;
    }
  };
}

/* The "why?"s of a cause, oldest first. */
export function whysOf(ctx, causeId) {
  return ctx.store.list(function (c) { return c.kind === "cause" && c.parent_id === causeId && inTree(c); });
}

/* Keep a bottleneck's bone sections ({key -> {root, title, list}} in `cache`)
 * in `box`, each listing its first-level causes as drawn by `cardNode`;
 * `count` says how many causes there are in all. */
export function renderBones(ctx, box, cache, bottleneckId, cardNode, count) {
  const tree = causeTree(ctx.store, bottleneckId, inTree);
  const sections = tree.bones.filter(function (bone) { return bone.causes.length; }).map(function (bone) {
    let section = cache[bone.key];
    if (!section) {
      section = cache[bone.key] = { title: el("h5", { className: "fac-bone-name" }), list: el("ol", { className: "cards fac-cause-tree" }) };
      section.root = el("li", { className: "fac-bone", "data-bone": bone.key }, [section.title, section.list]);
    }
    setText(section.title, bone.name);
    syncChildren(section.list, bone.causes.map(function (node) { return cardNode(node.card); }));
    return section.root;
  });
  syncChildren(box, sections);
  setText(count, tree.count === 1 ? ctx.t.causes_one : fmt(ctx.t.causes_n, { n: tree.count }));
  return tree.count;
}
