/* The live boards as the facilitator sees them: a column per sector with its
 * lock, clusters and cards of every status, each card with its "Moderate"
 * panel. Nodes are kept per card, cluster and sector and only moved or
 * refreshed, so open panels and half-typed text survive every broadcast. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var Fac = Urai.Fac;
  var t = Fac.t;

  var columns = {}; // sector id -> column parts
  var clusterNodes = {}; // cluster id -> cluster parts
  var cardNodes = {}; // card id -> card parts
  var ACTIVE = { visible: true, pending: true, hidden: true, deleted: true }; // merged ones go below

  function store() {
    return Fac.store;
  }

  /* -- ordering ---------------------------------------------------------------------- */

  function usgKey(c) {
    var a = c.assessment;
    return a && a.total !== null && a.total !== undefined ? [1, a.total, a.u || 0, a.s || 0] : [0, 0, 0, 0];
  }

  var ORDERS = {
    time: function (a, b) { return a.id - b.id; },
    votes: function (a, b) { return (b.votes || 0) - (a.votes || 0) || a.id - b.id; },
    usg: function (a, b) {
      var x = usgKey(a), y = usgKey(b);
      for (var i = 0; i < 4; i++) if (x[i] !== y[i]) return y[i] - x[i];
      return a.id - b.id;
    }
  };

  function order() {
    return ORDERS[document.getElementById("board-order").value] || ORDERS.time;
  }

  /* -- one card ------------------------------------------------------------------------- */

  function statusBadge(c) {
    if (c.status === "visible") return null;
    return el("span", { className: "badge fac-status fac-status-" + c.status, text: t["status_" + c.status] || c.status });
  }

  function authorLine(c) {
    var who = c.author ? c.author.name + " · " + c.author.agency : t.no_author;
    if (c.entered_by_facilitator) who += " · " + t.paper_card;
    return el("p", { className: "card-author", text: who });
  }

  function statsLine(c) {
    var a = c.assessment;
    var scored = a && a.total !== null && a.total !== undefined;
    var hasPlan = c.plan && Object.keys(c.plan).some(function (k) { return c.plan[k]; });
    return el("p", { className: "fac-card-stats" }, [
      statusBadge(c),
      el("span", { className: "fac-votes" }, [t.votes + " ", el("strong", { className: "card-votes", text: String(c.votes || 0) })]),
      scored
        ? el("span", { className: "fac-usg-badge", title: "U " + a.u + " · S " + a.s + " · G " + a.g }, [
            t.usg + " ",
            el("strong", { className: "card-usg", text: String(a.total) })
          ])
        : null,
      hasPlan ? el("span", { className: "badge", text: t.plan_done }) : null
    ]);
  }

  function metaLine(c) {
    if (!c.category && !c.service) return null;
    return el("p", { className: "card-meta" }, [
      c.category ? el("span", { className: "badge", title: Fac.config.categories[c.category] || "", text: c.category }) : null,
      c.service ? el("span", { className: "service", text: c.service }) : null
    ]);
  }

  function cardView(c) {
    var merged = c.status === "merged" && c.merged_into && store().cards[c.merged_into];
    return [
      el("p", { className: "card-text", text: c.text }),
      metaLine(c),
      authorLine(c),
      merged ? el("p", { className: "hint", text: Fac.fmt(t.merged_into, { text: Fac.short(merged.text) }) }) : null,
      statsLine(c)
    ];
  }

  function cardNode(c) {
    var node = cardNodes[c.id];
    if (!node) {
      node = cardNodes[c.id] = { view: el("div", { className: "fac-card-view" }), panel: Fac.moderatePanel(c.id), sig: null };
      node.solutions = c.kind === "bottleneck" ? el("ul", { className: "solutions" }) : null;
      node.root = el("li", { "data-card": c.id }, [node.view, node.panel.details, node.solutions]);
    }
    var sig = JSON.stringify(c) + (c.merged_into && store().cards[c.merged_into] ? store().cards[c.merged_into].text : "");
    if (sig !== node.sig) {
      node.sig = sig;
      Fac.syncChildren(node.view, cardView(c).filter(Boolean));
    }
    node.root.className = (c.kind === "bottleneck" ? "card fac-card " : "solution fac-card ") + "status-" + c.status;
    if (node.solutions) Fac.syncChildren(node.solutions, solutionsOf(c.id).map(cardNode));
    node.panel.refresh();
    return node.root;
  }

  function solutionsOf(cardId) {
    return store().list(function (c) {
      return c.kind === "solution" && c.parent_id === cardId && c.status !== "merged";
    }).sort(order());
  }

  /* -- clusters ---------------------------------------------------------------------- */

  function clusterNode(cluster) {
    var node = clusterNodes[cluster.id];
    if (!node) node = clusterNodes[cluster.id] = buildCluster(cluster.id);
    node.title.textContent = cluster.title;
    Fac.syncValue(node.input, cluster.title);
    node.rename.setAttribute("aria-label", t.rename + ": " + cluster.title);
    node.remove.setAttribute("aria-label", t.remove_cluster + ": " + cluster.title);
    return node;
  }

  function buildCluster(id) {
    var node = { area: Fac.errorArea(), list: el("ol", { className: "cards" }) };
    node.title = el("h4", { className: "fac-cluster-title" });
    node.input = el("input", { maxlength: 120, required: true });
    node.rename = el("button", { type: "submit", className: "button secondary", text: t.rename });
    node.remove = Fac.button(t.remove_cluster, "danger", function () {
      Fac.send("cluster:remove", { cluster_id: id }, { area: node.area, button: node.remove });
    });
    var form = el("form", { className: "fac-inline-row", novalidate: true }, [Fac.field(t.cluster_title, node.input), node.rename]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      Fac.send("cluster:save", { id: id, title: node.input.value }, { area: node.area, button: node.rename, okText: t.saved });
    });
    var tools = el("details", { className: "fac-cluster-tools" }, [el("summary", { text: t.edit_cluster }), form, node.remove]);
    node.root = el("section", { className: "fac-cluster", "data-cluster": id }, [
      el("header", { className: "fac-cluster-head" }, [node.title, tools]),
      node.area,
      node.list
    ]);
    return node;
  }

  /* -- one column ------------------------------------------------------------------------ */

  function buildColumn(sectorId) {
    var col = { area: Fac.errorArea() };
    col.title = el("h3", { id: "sector-h-" + sectorId });
    col.people = el("span", { className: "count-people" });
    col.count = el("span", { className: "count-cards" });
    col.waiting = el("span", { className: "fac-waiting" });
    var lock = Fac.checkbox(t.lock_board, { "data-lock-sector": sectorId });
    col.lock = lock.box;
    col.lock.addEventListener("change", function () {
      Fac.send("sector:lock", { sector_id: sectorId, locked: col.lock.checked }, {
        area: col.area,
        fail: function () { render(); }
      });
    });
    col.ungrouped = el("ol", { className: "cards fac-ungrouped" });
    col.ungroupedTitle = el("h4", { className: "fac-cluster-title", text: t.ungrouped });
    col.groups = el("div", { className: "fac-groups" });
    col.empty = el("p", { className: "empty", text: t.empty });
    col.removedSummary = el("summary");
    col.removedList = el("ol", { className: "cards" });
    col.removed = el("details", { className: "fac-removed" }, [col.removedSummary, col.removedList]);
    col.root = el("section", { className: "board-column fac-column", "data-sector": sectorId, "aria-labelledby": "sector-h-" + sectorId }, [
      el("header", { className: "board-column-head" }, [
        col.title,
        el("p", { className: "counts" }, [col.people, " · ", col.count, col.waiting]),
        lock.label
      ]),
      col.area,
      col.groups,
      newClusterForm(sectorId),
      col.removed
    ]);
    return col;
  }

  function newClusterForm(sectorId) {
    var input = el("input", { maxlength: 120, required: true });
    var area = Fac.errorArea();
    var button = el("button", { type: "submit", className: "button secondary", text: t.add_cluster });
    var form = el("form", { className: "fac-new-cluster", novalidate: true }, [
      el("div", { className: "fac-inline-row" }, [Fac.field(t.new_cluster, input), button]),
      area
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      Fac.send("cluster:save", { sector_id: sectorId, title: input.value }, {
        area: area,
        button: button,
        ok: function () { input.value = ""; }
      });
    });
    return form;
  }

  function renderHead(col, sector, cards) {
    var people = store().roster.per_sector[String(sector.id)] || 0;
    var live = cards.filter(function (c) { return c.status !== "merged" && c.status !== "deleted"; });
    var waiting = cards.filter(function (c) { return c.status === "pending"; }).length;
    col.title.textContent = sector.name;
    col.people.textContent = Fac.fmt(t.participants, { n: people });
    col.count.textContent = Fac.fmt(t.cards, { n: live.length });
    col.waiting.textContent = waiting ? " · " + Fac.fmt(t.waiting, { n: waiting }) : "";
    col.lock.checked = !!sector.locked;
    col.lock.setAttribute("aria-label", t.lock_board + ": " + sector.name);
    col.root.classList.toggle("locked", !!sector.locked);
  }

  function renderGroups(col, sector, bottlenecks) {
    var clusters = store().clustersOf(sector.id);
    var known = {};
    var parts = clusters.map(function (cluster) {
      known[cluster.id] = true;
      var node = clusterNode(cluster);
      var members = bottlenecks.filter(function (c) { return c.cluster_id === cluster.id; });
      Fac.syncChildren(node.list, members.map(cardNode));
      return node.root;
    });
    var loose = bottlenecks.filter(function (c) { return !c.cluster_id || !known[c.cluster_id]; });
    Fac.syncChildren(col.ungrouped, loose.map(cardNode));
    if (clusters.length) parts.push(col.ungroupedTitle);
    parts.push(bottlenecks.length ? col.ungrouped : col.empty);
    Fac.syncChildren(col.groups, parts);
  }

  function renderRemoved(col, removed) {
    col.removed.hidden = removed.length === 0;
    col.removedSummary.textContent = Fac.fmt(t.removed_cards, { n: removed.length });
    Fac.syncChildren(col.removedList, removed.map(cardNode));
  }

  function renderColumn(sector) {
    var col = columns[sector.id] || (columns[sector.id] = buildColumn(sector.id));
    var cards = store().list(function (c) { return c.sector_id === sector.id; });
    var bottlenecks = cards.filter(function (c) { return c.kind === "bottleneck"; }).sort(order());
    renderHead(col, sector, cards);
    renderGroups(col, sector, bottlenecks.filter(function (c) { return ACTIVE[c.status]; }));
    renderRemoved(col, bottlenecks.filter(function (c) { return !ACTIVE[c.status]; }));
    return col.root;
  }

  /* Drop kept nodes of cards, clusters and sectors that are gone. */
  function prune(map, exists) {
    Object.keys(map).forEach(function (id) {
      if (!exists(Number(id))) delete map[id];
    });
  }

  function render() {
    var w = store().workshop;
    if (!w) return;
    var roots = w.sectors.map(renderColumn);
    Fac.syncChildren(document.getElementById("boards"), roots);
    prune(cardNodes, function (id) { return !!store().cards[id]; });
    prune(clusterNodes, function (id) { return !!store().clusters[id]; });
    prune(columns, function (id) { return !!store().sector(id); });
  }

  Fac.Boards = {
    init: function () {
      document.getElementById("board-order").addEventListener("change", function () {
        Fac.schedule("boards", render);
      });
    },
    render: render
  };
})();
