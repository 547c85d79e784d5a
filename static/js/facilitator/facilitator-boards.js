/* The live boards as the facilitator sees them: a column per sector with its
 * lock, clusters and compact cards of every status (text, author, tallies,
 * marks), each with one "Actions" button that opens the card's menu
 * (facilitator-menu.js). Nodes are kept per card, cluster and sector (a map
 * id -> element): an event repaints the card it names and re-places it in the
 * one list it belongs to, never every column and card. A full render (a
 * snapshot, a change of the workshop) walks the cards once.
 *
 * Each card has a row of tools: ctx.cardTools is a list of factories
 * (cardId) -> {root, refresh(card)}, each called once per card (the select
 * checkbox of facilitator-select.js). With ctx.dnd, cards are dragged onto
 * cards and clusters. */

import { el, fmt, short, setText, syncChildren, prune } from "../shared/dom.js";
import { createCard, renderCard, byline, answersText } from "../shared/cards.js";
import { compareKeys, isScored, isShown } from "../shared/store.js";
import { causeTree } from "../shared/causes.js";
import { absorbed } from "./facilitator-model.js";
import { errorArea, syncValue, checkbox, button, field, schedule } from "./facilitator-ui.js";

const ACTIVE = { visible: true, pending: true, hidden: true, deleted: true }; // merged ones go below

/* How the facilitator orders cards: by time, by votes, or the server's USG rank_key. */
const ORDERS = {
  time: function (a, b) { return a.id - b.id; },
  votes: function (a, b) { return (b.votes || 0) - (a.votes || 0) || a.id - b.id; },
  usg: function (a, b) { return compareKeys(a.rank_key, b.rank_key) || a.id - b.id; }
};

/* Causes the facilitator sees in the tree: every status but merged (those live on in their target). */
function inTree(card) {
  return card.status !== "merged";
}

export function createBoards(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const columns = {}; // sector id -> column parts
  const clusterNodes = {}; // cluster id -> cluster parts
  const cardNodes = {}; // card id -> card parts
  const orderSelect = document.getElementById("board-order");
  let mergedCounts = {}; // card id -> cards merged into it

  function order() {
    return ORDERS[orderSelect.value] || ORDERS.time;
  }

  /* -- one card ------------------------------------------------------------- */

  function marks(c) {
    const w = store.workshop;
    return {
      status: c.status !== "visible" ? c.status : "",
      merged: mergedCounts[c.id] || 0,
      votes: String(c.votes || 0),
      root: c.kind === "cause" && !!c.root,
      analysed: c.kind === "bottleneck" && !!c.analysed,
      usg: isScored(c) ? c.assessment : null,
      plan: !!c.plan && Object.keys(c.plan).some(function (k) { return c.plan[k]; }),
      lit: store.spotlight === c.id || (!!w && w.focus_card_id === c.id)
    };
  }

  function marksKey(m) {
    return [m.status, m.merged, m.votes, m.root, m.analysed, m.usg ? ctx.rules.scores.map(function (k) { return m.usg[k]; }).join(",") + "=" + m.usg.total : "", m.plan, m.lit].join("|");
  }

  function statsLine(node, m) {
    const a = m.usg;
    syncChildren(node, [
      m.lit ? el("span", { className: "badge fac-on-screen", text: t.on_projector }) : null,
      m.status ? el("span", { className: "badge fac-status fac-status-" + m.status, text: t["status_" + m.status] || m.status }) : null,
      m.merged ? el("span", { className: "badge fac-merged-badge", title: fmt(t.merged_badge_title, { n: m.merged }), text: fmt(t.merged_badge, { n: m.merged }) }) : null,
      el("span", { className: "fac-votes" }, [t.votes + " ", el("strong", { className: "card-votes", text: m.votes })]),
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
    const node = (cardNodes[c.id] = { id: c.id, face: createCard("div", { className: "fac-card-view" }), marks: null, area: errorArea() });
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

  /* The card's node, built (and painted) the first time. */
  function nodeOf(c) {
    const node = cardNodes[c.id];
    if (node) return node.root;
    build(c);
    paint(c);
    return cardNodes[c.id].root;
  }

  /* Write card `c` into its node: only what it shows, compared before written. */
  function paint(c) {
    const node = cardNodes[c.id];
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

  /* -- what hangs under a card: solutions, causes, "why?"s ------------------- */

  function syncSolutions(parentId, solutions) {
    const node = cardNodes[parentId];
    if (!node || !node.solutions) return;
    const list = solutions || store.list(function (c) { return c.kind === "solution" && c.parent_id === parentId && c.status !== "merged"; });
    syncChildren(node.solutions, list.sort(order()).map(nodeOf));
  }

  /* A bottleneck's causes, bone by bone, each "why?" under the cause it answers. */
  function syncTree(bottleneckId) {
    const node = cardNodes[bottleneckId];
    if (!node || !node.causes) return;
    const tree = causeTree(store, bottleneckId, inTree);
    const sections = tree.bones.filter(function (bone) { return bone.causes.length; }).map(function (bone) {
      let section = node.bones[bone.key];
      if (!section) {
        section = node.bones[bone.key] = { title: el("h5", { className: "fac-bone-name" }), list: el("ol", { className: "cards fac-cause-tree" }) };
        section.root = el("li", { className: "fac-bone", "data-bone": bone.key }, [section.title, section.list]);
      }
      setText(section.title, bone.name);
      syncChildren(section.list, bone.causes.map(function (n) { return nodeOf(n.card); }));
      return section.root;
    });
    syncChildren(node.causeList, sections);
    (function walk(nodes) {
      nodes.forEach(function (n) {
        nodeOf(n.card);
        const parts = cardNodes[n.card.id];
        if (parts.whys) syncChildren(parts.whys, n.children.map(function (child) { return nodeOf(child.card); }));
        walk(n.children);
      });
    })(tree.bones.reduce(function (all, bone) { return all.concat(bone.causes); }, []));
    setText(node.causeCount, tree.count === 1 ? t.causes_one : fmt(t.causes_n, { n: tree.count }));
    node.causes.hidden = tree.count === 0;
  }

  /* The bottleneck a cause hangs under (following its parents). */
  function bottleneckOf(card) {
    let c = card;
    for (let hops = 0; c && c.kind === "cause" && hops < 50; hops++) c = store.cards[c.parent_id];
    return c && c.kind === "bottleneck" ? c.id : null;
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
    return el("details", { className: "fac-new-cluster-tools" }, [el("summary", { text: t.add_cluster }), form]);
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
    const clusters = store.clustersOf(sector.id);
    const parts = clusters.map(function (cluster) {
      const node = clusterNode(cluster);
      syncChildren(node.list, (byCluster[cluster.id] || []).map(nodeOf));
      return node.root;
    });
    syncChildren(col.ungrouped, grouped.loose.map(nodeOf));
    if (clusters.length) parts.push(col.ungroupedTitle);
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
    const mine = cards || store.list(function (c) { return c.sector_id === sector.id; });
    const bottlenecks = mine.filter(function (c) { return c.kind === "bottleneck"; }).sort(order());
    renderHead(col, sector, mine);
    renderGroups(col, sector, bottlenecks.filter(function (c) { return ACTIVE[c.status]; }));
    renderRemoved(col, bottlenecks.filter(function (c) { return !ACTIVE[c.status]; }));
    return col.root;
  }

  /* -- everything: a snapshot, a change of the workshop, the order ----------- */

  function render() {
    if (!store.workshop) return;
    mergedCounts = absorbed(store);
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
      if (withCauses[c.id]) syncTree(c.id);
      else cardNodes[c.id].causes.hidden = true;
    });
    prune(cardNodes, function (id) { return !!store.cards[id]; });
    prune(clusterNodes, function (id) { return !!store.clusters[id]; });
    prune(columns, function (id) { return !!store.sector(Number(id)); });
  }

  /* -- one change: the card it names, and the one list it sits in ------------- */

  function countMerged(ids) {
    ids.forEach(function (id) { mergedCounts[id] = 0; });
    Object.keys(store.cards).forEach(function (key) {
      const c = store.cards[key];
      if (c.status === "merged" && c.merged_into && c.merged_into in mergedCounts && ids.indexOf(c.merged_into) >= 0) mergedCounts[c.merged_into] += 1;
    });
  }

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
      syncTree(c.id);
      return;
    }
    if (c.kind === "solution") {
      syncSolutions(c.parent_id);
      if (was && was.parent && was.parent !== c.parent_id) syncSolutions(was.parent);
    } else if (c.kind === "cause") {
      const root = bottleneckOf(c);
      if (root) syncTree(root);
    }
    [c.sector_id, was && was.sector].forEach(function (id, i) {
      const col = columns[id];
      if (col && (i === 0 || id !== c.sector_id)) renderHead(col, store.sector(id), store.list(function (x) { return x.sector_id === id; }));
    });
  }

  /* A card arrived or changed. */
  function cardChanged(data) {
    if (!store.workshop) return;
    const c = store.cards[data.id];
    if (!c) return;
    const had = cardNodes[c.id];
    const was = had ? { sector: had.sector, parent: had.parent, mergedInto: had.mergedInto } : null;
    const targets = [c.merged_into, was && was.mergedInto].filter(Boolean);
    if (targets.length) countMerged(targets);
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
    const col = columns[node.sector];
    const sector = store.sector(node.sector);
    if (col && sector) renderHead(col, sector, store.list(function (x) { return x.sector_id === sector.id; }));
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
    prune(clusterNodes, function (id) { return !!store.clusters[id]; });
  }

  function repaint(ids) {
    ids.forEach(function (id) { if (store.cards[id]) paint(store.cards[id]); });
  }

  function heads() {
    store.sectors().forEach(function (sector) {
      if (columns[sector.id]) renderHead(columns[sector.id], sector, store.list(function (x) { return x.sector_id === sector.id; }));
    });
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
    repaint: repaint,
    heads: heads,
    nodeOf: function (id) { return cardNodes[id] ? cardNodes[id].root : null; }
  };
}
