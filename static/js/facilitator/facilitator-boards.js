/* The live boards as the facilitator sees them: a column per sector with its
 * lock, clusters and cards of every status, each card with its "Moderate"
 * panel. Nodes are kept per card, cluster and sector and only moved or
 * refreshed, so open panels and half-typed text survive every broadcast.
 *
 * Each card has a row of tools: ctx.cardTools is a list of factories
 * (cardId) -> {root, refresh(card)}, each called once per card (the select
 * checkbox of facilitator-select.js; other small modules add theirs). With
 * ctx.dnd, cards are dragged onto cards and clusters. */

import { el, fmt, short, setText, syncChildren, prune } from "../shared/dom.js";
import { createCard, renderCard, byline, answersText } from "../shared/cards.js";
import { compareKeys, isScored, isShown } from "../shared/store.js";
import { absorbed } from "./facilitator-model.js";
import { moderatePanel } from "./facilitator-moderate.js";
import { causesBar, rootToggle, renderBones, whysOf } from "./facilitator-causes.js";
import { spotlightButton } from "./facilitator-spotlight.js";
import { errorArea, syncValue, checkbox, button, field, schedule } from "./facilitator-ui.js";

const ACTIVE = { visible: true, pending: true, hidden: true, deleted: true }; // merged ones go below

/* How the facilitator orders cards: by time, by votes, or the server's USG rank_key. */
const ORDERS = {
  time: function (a, b) { return a.id - b.id; },
  votes: function (a, b) { return (b.votes || 0) - (a.votes || 0) || a.id - b.id; },
  usg: function (a, b) { return compareKeys(a.rank_key, b.rank_key) || a.id - b.id; }
};

export function createBoards(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const columns = {}; // sector id -> column parts
  const clusterNodes = {}; // cluster id -> cluster parts
  const cardNodes = {}; // card id -> card parts
  const orderSelect = document.getElementById("board-order");
  let mergedCounts = {}; // card id -> cards merged into it, worked out once a redraw

  function order() {
    return ORDERS[orderSelect.value] || ORDERS.time;
  }

  /* -- one card ------------------------------------------------------------- */

  function statsLine(node, c, merged) {
    const a = c.assessment;
    const hasPlan = c.plan && Object.keys(c.plan).some(function (k) { return c.plan[k]; });
    syncChildren(node, [
      c.status !== "visible" ? el("span", { className: "badge fac-status fac-status-" + c.status, text: t["status_" + c.status] || c.status }) : null,
      merged ? el("span", { className: "badge fac-merged-badge", title: fmt(t.merged_badge_title, { n: merged }), text: fmt(t.merged_badge, { n: merged }) }) : null,
      el("span", { className: "fac-votes" }, [t.votes + " ", el("strong", { className: "card-votes", text: String(c.votes || 0) })]),
      c.kind === "cause" && c.root ? el("span", { className: "badge fac-root-badge", text: t.root_cause }) : null,
      isScored(c)
        ? el("span", { className: "fac-usg-badge", title: ctx.rules.scores.map(function (k) { return k.toUpperCase() + " " + a[k]; }).join(" · ") }, [
            t.usg + " ",
            el("strong", { className: "card-usg", text: String(a.total) })
          ])
        : null,
      hasPlan ? el("span", { className: "badge", text: t.plan_done }) : null
    ].filter(Boolean));
  }

  function cardNode(c) {
    let node = cardNodes[c.id];
    if (!node) {
      node = cardNodes[c.id] = { face: createCard("div", { className: "fac-card-view" }), panel: moderatePanel(ctx, c.id), sig: null };
      node.hint = el("p", { className: "hint", hidden: true });
      node.stats = el("p", { className: "fac-card-stats" });
      node.spotlight = spotlightButton(ctx, c.id);
      node.face.el.append(node.hint, node.stats);
      node.tools = (ctx.cardTools || []).map(function (make) { return make(c.id); });
      node.toolRow = node.tools.length ? el("div", { className: "fac-card-tools" }, node.tools.map(function (tool) { return tool.root; })) : null;
      node.solutions = c.kind === "bottleneck" ? el("ul", { className: "solutions" }) : null;
      if (c.kind === "bottleneck") {
        // Its root causes: the switch, the projector, and the tree bone by bone.
        node.bar = causesBar(ctx, c.id);
        node.bones = {};
        node.causeCount = el("span");
        node.causeList = el("ol", { className: "fac-bones" });
        node.causes = el("details", { className: "fac-causes", open: true }, [el("summary", {}, [node.causeCount]), node.causeList]);
      }
      if (c.kind === "cause") {
        node.rootMark = rootToggle(ctx, c.id);
        node.whys = el("ol", { className: "cards fac-whys" });
      }
      node.root = el("li", { "data-card": c.id }, [
        node.toolRow,
        node.face.el,
        node.spotlight.root,
        node.rootMark && node.rootMark.root,
        node.panel.details,
        node.bar && node.bar.root,
        node.causes,
        node.solutions,
        node.whys
      ]);
      if (ctx.dnd) ctx.dnd.card(node.face.el, node.root, c.id);
    }
    const target = c.status === "merged" && c.merged_into ? store.cards[c.merged_into] : null;
    const merged = mergedCounts[c.id] || 0;
    const sig = JSON.stringify(c) + (target ? target.text : "") + "|" + merged;
    if (sig !== node.sig) {
      node.sig = sig;
      renderCard(node.face, c, {
        categories: ctx.rules.categories,
        author: byline(c, { none: t.no_author, paper: t.paper_card }),
        answers: answersText(c, ctx.store.cards, t.answers)
      });
      setText(node.hint, target ? fmt(t.merged_into, { text: short(target.text) }) : "");
      node.hint.hidden = !target;
      statsLine(node.stats, c, merged);
    }
    node.root.className = (c.kind === "bottleneck" ? "card" : c.kind) + " fac-card status-" + c.status;
    if (node.solutions) syncChildren(node.solutions, solutionsOf(c.id).map(cardNode));
    if (node.bar) {
      node.bar.refresh(c);
      node.causes.hidden = renderBones(ctx, node.causeList, node.bones, c.id, cardNode, node.causeCount) === 0;
    }
    if (node.rootMark) node.rootMark.refresh(c);
    if (node.whys) syncChildren(node.whys, whysOf(ctx, c.id).map(cardNode));
    node.tools.forEach(function (tool) { tool.refresh(c); });
    node.panel.refresh();
    node.spotlight.refresh();
    return node.root;
  }

  function solutionsOf(cardId) {
    return store.list(function (c) { return c.kind === "solution" && c.parent_id === cardId && c.status !== "merged"; }).sort(order());
  }

  /* -- clusters ------------------------------------------------------------- */

  function clusterNode(cluster) {
    const node = clusterNodes[cluster.id] || (clusterNodes[cluster.id] = buildCluster(cluster.id));
    node.title.textContent = cluster.title;
    syncValue(node.input, cluster.title);
    node.rename.setAttribute("aria-label", t.rename + ": " + cluster.title);
    node.remove.setAttribute("aria-label", t.remove_cluster + ": " + cluster.title);
    return node;
  }

  function buildCluster(id) {
    const node = { area: errorArea(), list: el("ol", { className: "cards" }) };
    node.title = el("h4", { className: "fac-cluster-title" });
    node.input = el("input", { maxlength: ctx.rules.limits.cluster_title, required: true });
    node.rename = el("button", { type: "submit", className: "button secondary", text: t.rename });
    node.remove = button(t.remove_cluster, "danger", function () {
      send("cluster:remove", { cluster_id: id }, { area: node.area, button: node.remove });
    });
    const form = el("form", { className: "fac-inline-row", novalidate: true }, [field(t.cluster_title, node.input), node.rename]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("cluster:save", { id: id, title: node.input.value }, { area: node.area, button: node.rename, okText: t.saved });
    });
    const tools = el("details", { className: "fac-cluster-tools" }, [el("summary", { text: t.edit_cluster }), form, node.remove]);
    node.root = el("section", { className: "fac-cluster", "data-cluster": id }, [el("header", { className: "fac-cluster-head" }, [node.title, tools]), node.area, node.list]);
    if (ctx.dnd) ctx.dnd.cluster(node.root, id);
    return node;
  }

  /* -- one column ------------------------------------------------------------ */

  function buildColumn(sectorId) {
    const col = { area: errorArea() };
    col.title = el("h3", { id: "sector-h-" + sectorId });
    col.people = el("span", { className: "count-people" });
    col.count = el("span", { className: "count-cards" });
    col.waiting = el("a", { className: "fac-waiting", href: "#queue-h" });
    const lock = checkbox(t.lock_board, { "data-lock-sector": sectorId });
    col.lock = lock.box;
    col.lock.addEventListener("change", function () {
      send("sector:lock", { sector_id: sectorId, locked: col.lock.checked }, { area: col.area, fail: render });
    });
    col.ungrouped = el("ol", { className: "cards fac-ungrouped" });
    col.ungroupedTitle = el("h4", { className: "fac-cluster-title", text: t.ungrouped });
    if (ctx.dnd) {
      ctx.dnd.cluster(col.ungrouped, null);
      ctx.dnd.cluster(col.ungroupedTitle, null);
    }
    col.groups = el("div", { className: "fac-groups" });
    col.empty = el("p", { className: "empty", text: t.empty });
    col.removedSummary = el("summary");
    col.removedList = el("ol", { className: "cards" });
    col.removed = el("details", { className: "fac-removed" }, [col.removedSummary, col.removedList]);
    col.root = el("section", { className: "board-column fac-column", "data-sector": sectorId, "aria-labelledby": "sector-h-" + sectorId }, [
      el("header", { className: "board-column-head" }, [col.title, el("p", { className: "counts" }, [col.people, " · ", col.count, col.waiting]), lock.label]),
      col.area,
      col.groups,
      newClusterForm(sectorId),
      col.removed
    ]);
    return col;
  }

  function newClusterForm(sectorId) {
    const input = el("input", { maxlength: ctx.rules.limits.cluster_title, required: true });
    const area = errorArea();
    const submit = el("button", { type: "submit", className: "button secondary", text: t.add_cluster });
    const form = el("form", { className: "fac-new-cluster", novalidate: true }, [el("div", { className: "fac-inline-row" }, [field(t.new_cluster, input), submit]), area]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("cluster:save", { sector_id: sectorId, title: input.value }, { area: area, button: submit, ok: function () { input.value = ""; } });
    });
    return form;
  }

  function renderHead(col, sector, cards) {
    const people = store.roster.per_sector[String(sector.id)] || 0;
    const live = cards.filter(isShown);
    const waiting = cards.filter(function (c) { return c.status === "pending"; }).length;
    col.title.textContent = sector.name;
    col.people.textContent = fmt(t.participants, { n: people });
    col.count.textContent = fmt(t.cards, { n: live.length });
    col.waiting.textContent = waiting ? " · " + fmt(t.waiting, { n: waiting }) : "";
    col.waiting.hidden = !waiting; // a link to the one approval queue, only when some wait
    col.lock.checked = !!sector.locked;
    col.lock.setAttribute("aria-label", t.lock_board + ": " + sector.name);
    col.root.classList.toggle("locked", !!sector.locked);
  }

  function renderGroups(col, sector, bottlenecks) {
    const grouped = store.grouped(sector.id, bottlenecks);
    const byCluster = {};
    grouped.groups.forEach(function (g) { byCluster[g.cluster.id] = g.cards; });
    const clusters = store.clustersOf(sector.id);
    const parts = clusters.map(function (cluster) {
      const node = clusterNode(cluster);
      syncChildren(node.list, (byCluster[cluster.id] || []).map(cardNode));
      return node.root;
    });
    syncChildren(col.ungrouped, grouped.loose.map(cardNode));
    if (clusters.length) parts.push(col.ungroupedTitle);
    parts.push(bottlenecks.length ? col.ungrouped : col.empty);
    syncChildren(col.groups, parts);
  }

  function renderRemoved(col, removed) {
    col.removed.hidden = removed.length === 0;
    col.removedSummary.textContent = fmt(t.removed_cards, { n: removed.length });
    syncChildren(col.removedList, removed.map(cardNode));
  }

  function renderColumn(sector) {
    const col = columns[sector.id] || (columns[sector.id] = buildColumn(sector.id));
    const cards = store.list(function (c) { return c.sector_id === sector.id; });
    const bottlenecks = cards.filter(function (c) { return c.kind === "bottleneck"; }).sort(order());
    renderHead(col, sector, cards);
    renderGroups(col, sector, bottlenecks.filter(function (c) { return ACTIVE[c.status]; }));
    renderRemoved(col, bottlenecks.filter(function (c) { return !ACTIVE[c.status]; }));
    return col.root;
  }

  function render() {
    if (!store.workshop) return;
    mergedCounts = absorbed(store);
    syncChildren(document.getElementById("boards"), store.sectors().map(renderColumn));
    prune(cardNodes, function (id) { return !!store.cards[id]; });
    prune(clusterNodes, function (id) { return !!store.clusters[id]; });
    prune(columns, function (id) { return !!store.sector(Number(id)); });
  }

  return {
    init: function () {
      orderSelect.addEventListener("change", function () { schedule("boards", render); });
    },
    render: render
  };
}
