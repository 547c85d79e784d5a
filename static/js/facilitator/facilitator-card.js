/* One compact card on the facilitator's boards: its face (text, author,
 * category), its marks in small print (status, merged, tallies, root cause,
 * analysed, USG, action plan, on the projector) and one "Actions" button
 * opening the card's menu (facilitator-menu.js). Nodes are kept in a map
 * id -> parts; paint(card) writes only what changed, compared before written.
 *
 * Each card has a row of tools: ctx.cardTools is a list of factories
 * (cardId) -> {root, refresh(card)}, each called once per card (the select
 * checkbox of facilitator-select.js). With ctx.dnd, the face is dragged. */

import { el, fmt, short, setText, syncChildren } from "../shared/dom.js";
import { createCard, renderCard, byline, answersText } from "../shared/cards.js";
import { isScored } from "../shared/store.js";
import { errorArea } from "./facilitator-ui.js";

export function createCardNodes(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const nodes = {}; // card id -> parts
  let mergedCounts = {}; // card id -> cards merged into it

  function marks(c) {
    const w = store.workshop;
    const a = isScored(c) ? c.assessment : null;
    return {
      status: c.status !== "visible" ? c.status : "",
      merged: mergedCounts[c.id] || 0,
      votes: String(c.votes || 0),
      supports: c.supports || 0,
      root: c.kind === "cause" && !!c.root,
      analysed: c.kind === "bottleneck" && !!c.analysed,
      usg: a,
      usgKey: a ? ctx.rules.scores.map(function (k) { return a[k]; }).join(",") + "=" + a.total : "",
      plan: !!c.plan && Object.keys(c.plan).some(function (k) { return c.plan[k]; }),
      lit: store.spotlight === c.id || (!!w && w.focus_card_id === c.id)
    };
  }

  function marksKey(m) {
    return [m.status, m.merged, m.votes, m.supports, m.root, m.analysed, m.usgKey, m.plan, m.lit].join("|");
  }

  function statsLine(node, m) {
    const a = m.usg;
    syncChildren(node, [
      m.lit ? el("span", { className: "badge fac-on-screen", text: t.on_projector }) : null,
      m.status ? el("span", { className: "badge fac-status fac-status-" + m.status, text: t["status_" + m.status] || m.status }) : null,
      m.merged ? el("span", { className: "badge fac-merged-badge", title: fmt(t.merged_badge_title, { n: m.merged }), text: fmt(t.merged_badge, { n: m.merged }) }) : null,
      el("span", { className: "fac-votes" }, [t.votes + " ", el("strong", { className: "card-votes", text: m.votes })]),
      // Participants who supported it from their phone instead of posting it again.
      m.supports ? el("span", { className: "fac-supports", title: fmt(t.supports_title, { n: m.supports }) }, [t.supports + " ", el("strong", { className: "card-supports", text: "+" + m.supports })]) : null,
      m.root ? el("span", { className: "badge fac-root-badge", text: t.root_cause }) : null,
      m.analysed ? el("span", { className: "badge fac-analysed-badge", text: t.analysed }) : null,
      a
        ? el("span", { className: "fac-usg-badge", title: ctx.rules.scores.map(function (k) { return k.toUpperCase() + " " + a[k]; }).join(" · ") }, [
            t.usg + " ",
            el("strong", { className: "card-usg", text: String(a.total) })
          ])
        : null,
      m.plan ? el("span", { className: "badge", text: t.plan_done }) : null
    ].filter(Boolean));
  }

  function build(c) {
    const node = (nodes[c.id] = { id: c.id, face: createCard("div", { className: "fac-card-view" }), marks: null, area: errorArea() });
    node.hint = el("p", { className: "hint", hidden: true });
    node.stats = el("p", { className: "fac-card-stats" });
    node.face.el.append(node.hint, node.stats);
    node.menu = el("button", { type: "button", className: "button secondary fac-card-actions", "aria-haspopup": "menu", "aria-expanded": "false", "data-card-menu": c.id, text: "⋯" });
    node.menu.addEventListener("click", function () {
      if (ctx.menu) ctx.menu.open(c.id, node.menu, node.area);
    });
    node.tools = (ctx.cardTools || []).map(function (make) { return make(c.id); });
    const toolRow = node.tools.length ? el("div", { className: "fac-card-tools" }, node.tools.map(function (tool) { return tool.root; })) : null;
    node.solutions = c.kind === "bottleneck" ? el("ul", { className: "solutions" }) : null;
    if (c.kind === "bottleneck") {
      node.bones = {};
      node.causeCount = el("span");
      node.causeList = el("ol", { className: "fac-bones" });
      node.causes = el("details", { className: "fac-causes", open: true, hidden: true }, [el("summary", {}, [node.causeCount]), node.causeList]);
    }
    if (c.kind === "cause") node.whys = el("ol", { className: "cards fac-whys" });
    node.root = el("li", { "data-card": c.id }, [
      toolRow,
      el("div", { className: "fac-card-row" }, [node.face.el, node.menu]),
      node.area,
      node.causes,
      node.solutions,
      node.whys
    ]);
    if (ctx.dnd) ctx.dnd.card(node.face.el, node.root, c.id);
    return node;
  }

  /* Write card `c` into its node. */
  function paint(c) {
    const node = nodes[c.id];
    if (!node) return;
    const target = c.status === "merged" && c.merged_into ? store.cards[c.merged_into] : null;
    renderCard(node.face, c, {
      categories: ctx.rules.categories,
      author: byline(c, { none: t.no_author, paper: t.paper_card }),
      answers: answersText(c, store.cards, t.answers)
    });
    setText(node.hint, target ? fmt(t.merged_into, { text: short(target.text) }) : "");
    node.hint.hidden = !target;
    const m = marks(c);
    const key = marksKey(m);
    if (key !== node.marks) {
      node.marks = key;
      statsLine(node.stats, m);
    }
    const className = (c.kind === "bottleneck" ? "card" : c.kind) + " fac-card status-" + c.status;
    if (node.root.className !== className) node.root.className = className;
    const label = t.actions + ": " + short(c.text, 40);
    if (node.menu.getAttribute("aria-label") !== label) node.menu.setAttribute("aria-label", label);
    node.tools.forEach(function (tool) { tool.refresh(c); });
    node.sector = c.sector_id;
    node.parent = c.parent_id || null;
    node.mergedInto = c.merged_into || null;
  }

  /* How many cards are merged into each of `ids` (all cards when null), counted again. */
  function countMerged(ids) {
    if (ids === null) mergedCounts = {};
    else ids.forEach(function (id) { mergedCounts[id] = 0; });
    Object.keys(store.cards).forEach(function (key) {
      const c = store.cards[key];
      if (c.status !== "merged" || !c.merged_into) return;
      if (ids === null) mergedCounts[c.merged_into] = (mergedCounts[c.merged_into] || 0) + 1;
      else if (ids.indexOf(c.merged_into) >= 0) mergedCounts[c.merged_into] += 1;
    });
  }

  return {
    nodes: nodes,
    paint: paint,
    countMerged: countMerged,
    /* The card's element, built (and painted) the first time. */
    nodeOf: function (c) {
      if (!nodes[c.id]) {
        build(c);
        paint(c);
      }
      return nodes[c.id].root;
    }
  };
}
