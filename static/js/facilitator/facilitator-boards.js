/* The live boards as the facilitator sees them: a column per sector with its
 * lock, clusters (facilitator-clusters.js) and compact cards of every status (facilitator-card.js),
 * solutions under their bottleneck and causes as a tree
 * (facilitator-causes.js). Nodes are kept per card, cluster and sector (a map
 * id -> element): an event repaints the card it names and re-places it in the
 * one list it belongs to, never every column and card. A full render (a
 * snapshot, a change of the workshop, the order) walks the cards once. */

import { el, fmt, setText, syncChildren, prune } from "../shared/dom.js";
import { compareKeys, isShown } from "../shared/store.js";
import { createCardNodes } from "./facilitator-card.js";
import { syncTree, bottleneckOf } from "./facilitator-causes.js";
import { createClusters } from "./facilitator-clusters.js";
import { errorArea, checkbox, schedule } from "./facilitator-ui.js";

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
  const clusters = createClusters(ctx);
  const faces = createCardNodes(ctx);
  const cardNodes = faces.nodes; // card id -> card parts
  const nodeOf = faces.nodeOf;
  const paint = faces.paint;
  const orderSelect = document.getElementById("board-order");

  function order() {
    return ORDERS[orderSelect.value] || ORDERS.time;
  }

  /* -- what hangs under a card: solutions, causes, "why?"s ------------------- */

  function syncSolutions(parentId, solutions) {
    const node = cardNodes[parentId];
    if (!node || !node.solutions) return;
    const list = solutions || store.childrenOf(parentId).filter(function (c) { return c.kind === "solution" && c.status !== "merged"; });
    syncChildren(node.solutions, list.sort(order()).map(nodeOf));
  }

  function tree(bottleneckId) {
    syncTree(ctx, faces, bottleneckId);
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
      clusters.newForm(sectorId),
      col.removed
    ]);
    return col;
  }

  function renderHead(col, sector, cards) {
    const people = store.roster.per_sector[String(sector.id)] || 0;
    let live = 0;
    let waiting = 0;
    cards.forEach(function (c) {
      if (isShown(c)) live += 1;
      if (c.status === "pending") waiting += 1;
    });
    setText(col.title, sector.name);
    setText(col.people, fmt(t.participants, { n: people }));
    setText(col.count, fmt(t.cards, { n: live }));
    setText(col.waiting, waiting ? " · " + fmt(t.waiting, { n: waiting }) : "");
    col.waiting.hidden = !waiting; // a link to the one approval queue, only when some wait
    col.lock.checked = !!sector.locked;
    col.lock.setAttribute("aria-label", t.lock_board + ": " + sector.name);
    col.root.classList.toggle("locked", !!sector.locked);
  }

  function renderGroups(col, sector, bottlenecks) {
    const grouped = store.grouped(sector.id, bottlenecks);
    const byCluster = {};
    grouped.groups.forEach(function (g) { byCluster[g.cluster.id] = g.cards; });
    const mine = store.clustersOf(sector.id);
    const parts = mine.map(function (cluster) {
      const node = clusters.node(cluster);
      syncChildren(node.list, (byCluster[cluster.id] || []).map(nodeOf));
      return node.root;
    });
    syncChildren(col.ungrouped, grouped.loose.map(nodeOf));
    if (mine.length) parts.push(col.ungroupedTitle);
    parts.push(bottlenecks.length ? col.ungrouped : col.empty);
    syncChildren(col.groups, parts);
  }

  function renderRemoved(col, removed) {
    col.removed.hidden = removed.length === 0;
    setText(col.removedSummary, fmt(t.removed_cards, { n: removed.length }));
    syncChildren(col.removedList, removed.map(nodeOf));
  }

  /* A column's head and its bottlenecks in place (cards painted only when new). */
  function placeColumn(sector, cards) {
    const col = columns[sector.id] || (columns[sector.id] = buildColumn(sector.id));
    const mine = cards || store.onBoard(sector.id);
    const bottlenecks = mine.filter(function (c) { return c.kind === "bottleneck"; }).sort(order());
    renderHead(col, sector, mine);
    renderGroups(col, sector, bottlenecks.filter(function (c) { return ACTIVE[c.status]; }));
    renderRemoved(col, bottlenecks.filter(function (c) { return !ACTIVE[c.status]; }));
    return col.root;
  }

  /* -- everything: a snapshot, a change of the workshop, the order ----------- */

  function render() {
    if (!store.workshop) return;
    faces.countMerged(null);
    const all = store.list(function () { return true; });
    const bySector = {};
    const solutions = {}; // bottleneck id -> its solutions (not merged)
    const withCauses = {}; // bottleneck or cause id -> true when causes hang under it
    all.forEach(function (c) {
      (bySector[c.sector_id] = bySector[c.sector_id] || []).push(c);
      if (c.kind === "solution" && c.status !== "merged") (solutions[c.parent_id] = solutions[c.parent_id] || []).push(c);
      if (c.kind === "cause") withCauses[c.parent_id] = true;
    });
    all.forEach(function (c) { if (cardNodes[c.id]) paint(c); });
    syncChildren(document.getElementById("boards"), store.sectors().map(function (sector) {
      return placeColumn(sector, bySector[sector.id] || []);
    }));
    all.forEach(function (c) {
      if (c.kind !== "bottleneck" || !cardNodes[c.id]) return;
      syncSolutions(c.id, solutions[c.id] || []);
      if (withCauses[c.id]) tree(c.id);
      else cardNodes[c.id].causes.hidden = true;
    });
    prune(cardNodes, function (id) { return !!store.cards[id]; });
    clusters.prune();
    prune(columns, function (id) { return !!store.sector(Number(id)); });
  }

  /* -- one change: the card it names, and the one list it sits in ------------- */

  /* The cards that show something of card `id` (merged into it, answering it). */
  function dependents(id) {
    const out = [];
    Object.keys(store.cards).forEach(function (key) {
      const c = store.cards[key];
      if (c.merged_into === id || c.addresses === id) out.push(c);
    });
    return out;
  }

  function place(c, was) {
    const sector = store.sector(c.sector_id);
    if (c.kind === "bottleneck") {
      if (sector) placeColumn(sector);
      if (was && was.sector !== c.sector_id && store.sector(was.sector)) placeColumn(store.sector(was.sector));
      syncSolutions(c.id);
      tree(c.id);
      return;
    }
    if (c.kind === "solution") {
      syncSolutions(c.parent_id);
      if (was && was.parent && was.parent !== c.parent_id) syncSolutions(was.parent);
    } else if (c.kind === "cause") {
      const root = bottleneckOf(store, c);
      if (root) tree(root);
    }
    head(c.sector_id);
    if (was && was.sector !== c.sector_id) head(was.sector);
  }

  /* A column's counts again (the board's cards, from the store's index). */
  function head(sectorId) {
    const sector = store.sector(sectorId);
    if (columns[sectorId] && sector) renderHead(columns[sectorId], sector, store.onBoard(sectorId));
  }

  /* A card arrived or changed. */
  function cardChanged(data) {
    if (!store.workshop) return;
    const c = store.cards[data.id];
    if (!c) return;
    const had = cardNodes[c.id];
    const was = had ? { sector: had.sector, parent: had.parent, mergedInto: had.mergedInto } : null;
    const targets = [c.merged_into, was && was.mergedInto].filter(Boolean);
    if (targets.length) faces.countMerged(targets);
    if (had) paint(c);
    else nodeOf(c);
    place(c, was);
    targets.forEach(function (id) { if (store.cards[id]) paint(store.cards[id]); });
    if (had) dependents(c.id).forEach(paint);
  }

  function cardRemoved(data) {
    const node = cardNodes[data.id];
    if (!node) return;
    delete cardNodes[data.id];
    if (node.root.parentNode) node.root.parentNode.removeChild(node.root);
    head(node.sector);
  }

  /* Tallies changed: repaint those cards; re-place them when the order is by votes. */
  function votesChanged(ids) {
    const byVotes = orderSelect.value === "votes";
    ids.forEach(function (id) {
      const c = store.cards[id];
      if (!c) return;
      paint(c);
      if (byVotes) place(c, null);
    });
  }

  /* A cluster changed: that board's column only. */
  function clusterChanged(sectorId) {
    const sector = store.sector(sectorId);
    if (sector && columns[sectorId]) placeColumn(sector);
    clusters.prune();
  }


  return {
    init: function () {
      orderSelect.addEventListener("change", function () { schedule("boards", render); });
    },
    render: render,
    cardChanged: cardChanged,
    cardRemoved: cardRemoved,
    votesChanged: votesChanged,
    clusterChanged: clusterChanged,
    /* Cards whose marks changed without an event of their own (the spotlight). */
    repaint: function (ids) {
      ids.forEach(function (id) { if (store.cards[id]) paint(store.cards[id]); });
    },
    /* The counts of every column (the roster changed). */
    heads: function () {
      store.sectors().forEach(function (sector) { head(sector.id); });
    }
  };
}
