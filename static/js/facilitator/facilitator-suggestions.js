/* "Merge suggestions" on the facilitator's page, board by board: near-duplicates
 * to merge (the newer card into the older) and related bottlenecks to group in
 * a new cluster, each accepted or dismissed by hand; nothing is merged by
 * itself. A merge just made can be undone for a while. Suggestions are asked
 * of the server (suggestions:get) only while their tab is open: when it opens
 * (boards changed meanwhile, or never asked) and a little after a board
 * changes; what is still worth showing is similar.js's to say. Each board
 * shows its best few (the server sends the merges best first); "More" shows
 * the next few: a room of look-alike cards never draws every pair. */

import { el, fmt, short, setText, show, syncChildren, prune } from "../shared/dom.js";
import { mergesToShow, clustersToShow, clusterTitle, suggestionKey, createRefresher } from "../shared/similar.js";
import { errorArea, showOk, button, field, syncValue, schedule } from "./facilitator-ui.js";

const REFRESH_MS = 2000; // after a card changes, before asking again
const UNDO_MS = 60000; // how long "Undo" stays after a merge
const PAGE = 3; // suggestions a board shows at first, and how many more each "More" adds
const SPARE = 5; // asked for beyond those shown: some may have been dismissed or merged here meanwhile
const MOST = 200; // the most the server sends at once

export function createSuggestions(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const root = document.getElementById("suggestions");
  const empty = document.getElementById("suggestions-empty");
  const boards = {}; // sector id -> {root, title, count, area, undos, list, reply, refresher}
  const items = {}; // suggestion key -> its node
  const skip = {}; // suggestion key -> true: dismissed or accepted here, until the server agrees
  let open = false; // the suggestions' tab is open: ask and draw; else only note which boards changed

  function board(sectorId) {
    let b = boards[sectorId];
    if (b) return b;
    b = boards[sectorId] = { reply: null, area: errorArea(), limit: PAGE, stale: true };
    b.title = el("span");
    b.more = button(t.more, "secondary fac-suggest-more", function () {
      b.limit += PAGE;
      if (b.reply && sent(b.reply) < Math.min(inAll(b.reply), b.limit + SPARE)) b.refresher.now();
      later();
    });
    b.count = el("span", { className: "fac-suggest-count" });
    b.undos = el("ul", { className: "fac-undos" });
    b.list = el("ol", { className: "fac-suggest-list" });
    b.root = el("section", { className: "fac-suggest-board", "data-sector": sectorId, "aria-labelledby": "suggest-h-" + sectorId }, [
      el("h3", { id: "suggest-h-" + sectorId }, [b.title, b.count]),
      b.area,
      b.undos,
      b.list,
      b.more
    ]);
    b.refresher = createRefresher(function (done) {
      send("suggestions:get", { sector_id: sectorId, limit: Math.min(MOST, b.limit + SPARE) }, {
        area: b.area,
        ok: function (reply) {
          b.reply = reply;
          later();
          done();
        },
        fail: done
      });
    }, { delay: REFRESH_MS });
    return b;
  }

  /* How many suggestions an answer holds, and how many the server has in all. */
  function sent(reply) {
    return (reply.merges || []).length + (reply.clusters || []).length;
  }

  function inAll(reply) {
    return reply.total ? reply.total.merges + reply.total.clusters : sent(reply);
  }

  function later() {
    schedule("suggestions", render);
  }

  function cardLine(card) {
    const votes = typeof card.votes === "number" ? " · " + t.votes + " " + card.votes : "";
    return el("div", { className: "fac-suggest-card" }, [
      el("p", { className: "card-text", text: card.text }),
      el("p", { className: "hint", text: "#" + card.id + votes })
    ]);
  }

  function dismiss(s, node) {
    const ids = s.type === "merge" ? [s.source.id, s.target.id] : s.cards.map(function (c) { return c.id; });
    send("suggestion:dismiss", { kind: s.type, cards: ids }, {
      area: node.area,
      button: node.dismiss,
      ok: function () {
        skip[s.key] = true;
        later();
      }
    });
  }

  /* -- merges ---------------------------------------------------------------- */

  function mergeNode(s, sectorId) {
    let node = items[s.key];
    if (!node) {
      node = items[s.key] = { area: errorArea(), pair: el("div", { className: "fac-suggest-pair" }) };
      node.head = el("p", { className: "fac-suggest-head" });
      node.accept = button(t.merge, "", function () { acceptMerge(node.s, node, sectorId); });
      node.dismiss = button(t.dismiss, "secondary", function () { dismiss(node.s, node); });
      node.root = el("li", { className: "fac-suggestion fac-suggest-merge", "data-suggestion": s.key }, [
        node.head,
        node.pair,
        el("div", { className: "actions" }, [node.accept, node.dismiss]),
        node.area
      ]);
    }
    node.s = s;
    const sig = [s.source.text, s.source.votes, s.target.text, s.target.votes].join("\u0000");
    if (node.sig !== sig) {
      node.sig = sig;
      // No score shown: it orders the suggestions but is no percentage of sameness.
      setText(node.head, (t["kind_" + s.kind] || s.kind) + " · " + t.suggest_merge);
      syncChildren(node.pair, [cardLine(s.source), el("p", { className: "fac-suggest-into", text: "↓ " + t.suggest_into }), cardLine(s.target)]);
    }
    return node.root;
  }

  function acceptMerge(s, node, sectorId) {
    send("card:merge", { source_id: s.source.id, target_id: s.target.id }, {
      area: node.area,
      button: node.accept,
      ok: function () {
        skip[s.key] = true;
        addUndo(board(sectorId), s);
        later();
      }
    });
  }

  function addUndo(b, s) {
    const area = errorArea();
    const note = el("p", { text: fmt(t.merged_note, { source: short(s.source.text, 50), target: short(s.target.text, 50) }) });
    const row = el("li", { className: "fac-undo", "data-card": s.source.id }, [note]);
    function drop() {
      clearTimeout(row.uraiTimer);
      if (row.parentNode) row.parentNode.removeChild(row);
      later();
    }
    const undo = button(t.undo, "secondary", function () {
      send("card:unmerge", { card_id: s.source.id }, {
        area: area,
        button: undo,
        ok: function () {
          delete skip[s.key]; // offered again, unless dismissed
          setText(note, t.unmerged);
          undo.hidden = true;
          clearTimeout(row.uraiTimer);
          row.uraiTimer = setTimeout(drop, 4000);
          b.refresher.soon();
        }
      });
    });
    row.append(undo, area);
    b.undos.appendChild(row);
    row.uraiTimer = setTimeout(drop, UNDO_MS);
  }

  /* -- clusters -------------------------------------------------------------- */

  function clusterNode(s, sectorId) {
    let node = items[s.key];
    if (!node) {
      node = items[s.key] = { area: errorArea(), list: el("ul", { className: "fac-suggest-cards" }) };
      node.head = el("p", { className: "fac-suggest-head" });
      node.input = el("input", { maxlength: ctx.rules.limits.cluster_title, required: true });
      node.accept = button(t.accept_cluster, "", function () { acceptCluster(node.s, node, sectorId); });
      node.dismiss = button(t.dismiss, "secondary", function () { dismiss(node.s, node); });
      node.root = el("li", { className: "fac-suggestion fac-suggest-cluster", "data-suggestion": s.key }, [
        node.head,
        node.list,
        field(t.cluster_title, node.input),
        el("div", { className: "actions" }, [node.accept, node.dismiss]),
        node.area
      ]);
    }
    node.s = s;
    const sig = s.cards.map(function (c) { return c.id + "\u0000" + c.text; }).join("\u0001");
    if (node.sig !== sig) {
      node.sig = sig;
      setText(node.head, fmt(t.suggest_cluster, { n: s.cards.length }));
      syncChildren(node.list, s.cards.map(function (c) { return el("li", { className: "card-text", text: c.text }); }));
    }
    syncValue(node.input, clusterTitle(s.cards));
    return node.root;
  }

  /* A new cluster with the title as typed, then each card into it, one after another. */
  function acceptCluster(s, node, sectorId) {
    const title = node.input.value;
    send("cluster:save", { sector_id: sectorId, title: title }, {
      area: node.area,
      button: node.accept,
      ok: function (reply) {
        const clusterId = reply.cluster.id;
        const cards = s.cards.slice();
        (function next() {
          const card = cards.shift();
          if (!card) {
            skip[s.key] = true;
            showOk(board(sectorId).area, fmt(t.grouped, { title: reply.cluster.title }));
            later();
            return;
          }
          send("card:cluster", { card_id: card.id, cluster_id: clusterId }, { area: node.area, ok: next });
        })();
      }
    });
  }

  /* -- the panel --------------------------------------------------------------- */

  function render() {
    if (!store.workshop || !open) return;
    const used = {};
    let total = 0;
    const sections = store.sectors().map(function (sector) {
      const b = board(sector.id);
      const all = mergesToShow(b.reply, store, skip).concat(clustersToShow(b.reply, store, skip));
      const count = b.reply ? all.length + inAll(b.reply) - sent(b.reply) : 0; // those not sent yet too
      const nodes = all.slice(0, b.limit).map(function (s) {
        used[s.key] = true;
        return s.type === "merge" ? mergeNode(s, sector.id) : clusterNode(s, sector.id);
      });
      syncChildren(b.list, nodes);
      setText(b.title, sector.name);
      setText(b.count, count ? " · " + (count === 1 ? t.suggestion_one : fmt(t.suggestions_n, { n: count })) : "");
      b.more.hidden = count <= b.limit;
      setText(b.more, fmt(t.more_suggestions, { n: Math.min(PAGE, count - b.limit) }));
      const on = count > 0 || b.undos.childNodes.length > 0 || b.area.textContent !== "";
      show(b.root, on);
      if (on) total += 1;
      return b.root;
    });
    syncChildren(root, sections);
    show(empty, total === 0);
    prune(items, function (key) { return used[key]; });
  }

  /* A board changed: asked again soon while the tab is open, else when it opens. */
  function changed(sectorId, soon) {
    const b = board(sectorId);
    b.stale = true;
    if (!open) return;
    if (soon) b.refresher.soon();
    else b.refresher.now();
    b.stale = false;
  }

  /* Ask the boards again: a board not asked yet at once; with `all`
   * (a fresh snapshot), the others soon. */
  function refreshAll(all) {
    store.sectors().forEach(function (sector) {
      const b = board(sector.id);
      if (!b.asked) changed(sector.id, false);
      else if (all) changed(sector.id, true);
      if (open) b.asked = true;
    });
  }

  function onChange(change) {
    const data = change.data || {};
    if (change.type === "snapshot" || change.type === "workshop.updated") refreshAll(change.type === "snapshot");
    else if (change.type === "suggestion.dismissed") skip[suggestionKey(data.kind, data.cards)] = true;
    else if (/^(card|cluster)\.(created|updated|removed)$/.test(change.type) && data.sector_id) changed(data.sector_id, true);
    else return;
    if (open) later();
  }

  /* The tab opened (true) or closed: on opening, the boards that changed are asked at once. */
  function shown(on) {
    open = on;
    if (!on) return;
    store.sectors().forEach(function (sector) {
      const b = board(sector.id);
      if (b.stale) changed(sector.id, false);
      b.asked = true;
    });
    later();
  }

  return {
    init: function () { store.onChange(onChange); },
    render: render,
    shown: shown
  };
}
