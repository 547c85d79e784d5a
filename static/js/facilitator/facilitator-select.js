/* Merging and grouping many cards at once. In select mode each card carries a
 * checkbox; the cards chosen (the first is the one kept) are merged in one
 * click, or put into a cluster of their board, new or existing. Outside it a
 * card is dragged onto another (merge) or onto a cluster (group; onto "not in
 * a cluster" to take it out). Every merge and grouping ends in a note with
 * Undo: card:unmerge for merges, the former cluster back for a grouping. The
 * chosen cards also take a status change at once (cards:bulk: approve, hide,
 * show, delete, restore), offered when a chosen card's `actions` allow it.
 *
 * The note and the selection bar stand in one dock at the foot of the screen,
 * the note above the bar, so the note never covers the bar's buttons; it goes
 * after a few seconds. A drag scrolls the page (or the column it is in) when
 * it nears an edge, so a card can be dropped on one far away in a long column,
 * and leaves no text selected.
 *
 * It gives the boards two hooks (facilitator-boards.js): a card tool (the
 * checkbox, in ctx.cardTools, where other small modules add theirs) and
 * ctx.dnd, which makes a card draggable and cards and clusters drop targets. */

import { el, fmt, setText, short } from "../shared/dom.js";
import { selectionProblem, dropAction } from "./facilitator-model.js";
import { showError, fillSelect } from "./facilitator-ui.js";
import { createBulk } from "./facilitator-bulk.js";
import { createNote } from "./facilitator-note.js";
import { edgeScroller, clearTextSelection } from "./facilitator-drag.js";

const CARD_TYPE = "application/x-urai-card";
export function createSelection(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const $ = function (id) { return document.getElementById(id); };
  let chosen = []; // card ids, in the order chosen
  const boxes = {}; // card id -> its checkbox
  let dragging = null; // the card id being dragged
  const edges = edgeScroller();
  const toast = createNote(t).show;
  const bulk = createBulk(ctx, function () { return chosen; }, function () { renderBar(); });

  /* send() as a promise of the reply (rejected with the error). */
  function ask(event, payload, area) {
    return new Promise(function (resolve, reject) {
      ctx.send(event, payload, { area: area, ok: resolve, fail: reject });
    });
  }

  /* -- actions ------------------------------------------------------------------- */

  /* Merge `sources` one after the other into `target`; a note offers to undo them all. */
  function merge(sources, target, area) {
    const into = store.cards[target];
    const first = store.cards[sources[0]];
    const note = sources.length === 1
      ? fmt(t.merged_note, { source: short(first ? first.text : "", 40), target: short(into ? into.text : "", 40) })
      : fmt(t.merged_many, { n: sources.length, target: short(into ? into.text : "", 40) });
    const done = [];
    return sources.reduce(function (previous, source) {
      return previous.then(function () {
        return ask("card:merge", { source_id: source, target_id: target }, area).then(function () { done.push(source); });
      });
    }, Promise.resolve()).then(function () {
      toast(note, function () {
        return done.slice().reverse().reduce(function (previous, source) {
          return previous.then(function () { return ask("card:unmerge", { card_id: source }, null); });
        }, Promise.resolve());
      });
    }, function () {
      if (done.length) toast(fmt(t.merged_many, { n: done.length, target: short(into ? into.text : "", 40) }), null);
    });
  }

  /* Put `ids` into cluster `clusterId` (null: out of any); Undo puts each back. */
  function group(ids, clusterId, title, area) {
    const before = ids.map(function (id) { return [id, (store.cards[id] || {}).cluster_id || null]; });
    return Promise.all(ids.map(function (id) {
      return ask("card:cluster", { card_id: id, cluster_id: clusterId }, area);
    })).then(function () {
      toast(clusterId === null ? t.ungrouped_note : fmt(t.grouped, { title: title }), function () {
        return Promise.all(before.map(function (pair) {
          return ask("card:cluster", { card_id: pair[0], cluster_id: pair[1] }, null);
        }));
      });
    });
  }

  /* -- select mode ---------------------------------------------------------------- */

  function selecting() {
    return $("select-mode").checked;
  }

  function setChosen(ids) {
    chosen = ids.filter(function (id) { return !!store.cards[id]; });
    showError($("selection-error"), "");
    Object.keys(boxes).forEach(function (id) {
      const on = chosen.indexOf(Number(id)) >= 0;
      boxes[id].checked = on;
      const li = boxes[id].closest("li");
      if (li) {
        if (on) li.setAttribute("data-selected", "true");
        else li.removeAttribute("data-selected");
      }
    });
    renderBar();
  }

  function renderBar() {
    const bar = $("selection-bar");
    bar.hidden = !selecting() || chosen.length === 0;
    if (bar.hidden) return;
    const first = store.cards[chosen[0]];
    setText($("selection-count"), fmt(t.selected_n, { n: chosen.length }));
    setText($("selection-merge"), first && chosen.length > 1 ? fmt(t.merge_into_first, { text: short(first.text, 30) }) : t.merge);
    const clusters = first ? store.clustersOf(first.sector_id) : [];
    fillSelect($("selection-cluster"), [{ value: "new", label: t.new_cluster_option }].concat(clusters.map(function (k) {
      return { value: String(k.id), label: k.title };
    })).concat([{ value: "none", label: t.no_cluster }]));
    $("selection-title").hidden = $("selection-cluster").value !== "new";
    bulk.render(chosen);
  }

  function problem(action) {
    const key = selectionProblem(store, chosen, action, ctx.rules.merge_same);
    if (key) showError($("selection-error"), t["problem_" + key]);
    return !!key;
  }

  function bindBar() {
    $("select-mode").addEventListener("change", function () {
      document.body.classList.toggle("fac-selecting", selecting());
      if (!selecting()) setChosen([]);
      renderBar();
    });
    $("selection-cluster").addEventListener("change", renderBar);
    $("selection-clear").addEventListener("click", function () { setChosen([]); });
    $("selection-merge").addEventListener("click", function () {
      const b = $("selection-merge");
      showError($("selection-error"), "");
      if (b.getAttribute("aria-busy") === "true" || problem("merge")) return;
      b.setAttribute("aria-busy", "true");
      merge(chosen.slice(1), chosen[0], $("selection-error")).then(function () {
        b.removeAttribute("aria-busy");
        setChosen([]);
      });
    });
    $("selection-group").addEventListener("click", function () {
      const b = $("selection-group");
      showError($("selection-error"), "");
      if (b.getAttribute("aria-busy") === "true" || problem("cluster")) return;
      const ids = chosen.slice();
      const choice = $("selection-cluster").value;
      const area = $("selection-error");
      let target;
      if (choice === "new") {
        const title = $("selection-title").value.trim();
        if (!title) return showError(area, t.cluster_title_first);
        const sectorId = store.cards[ids[0]].sector_id;
        target = ask("cluster:save", { sector_id: sectorId, title: title }, area).then(function (reply) {
          $("selection-title").value = "";
          return { id: reply.cluster.id, title: reply.cluster.title };
        });
      } else if (choice === "none") {
        target = Promise.resolve({ id: null, title: "" });
      } else {
        const cluster = store.clusters[Number(choice)];
        target = Promise.resolve({ id: Number(choice), title: cluster ? cluster.title : "" });
      }
      b.setAttribute("aria-busy", "true");
      target.then(function (cluster) {
        return group(ids, cluster.id, cluster.title, area);
      }).then(function () { setChosen([]); }, function () { /* the error is shown */ }).then(function () {
        b.removeAttribute("aria-busy");
      });
    });
  }

  /* The card tool: a checkbox, shown in select mode only (CSS). */
  function selectTool(cardId) {
    const box = el("input", { type: "checkbox", className: "fac-select-box" });
    boxes[cardId] = box;
    box.addEventListener("change", function () {
      showError($("selection-error"), "");
      const rest = chosen.filter(function (id) { return id !== cardId; });
      setChosen(box.checked ? rest.concat([cardId]) : rest);
    });
    const root = el("label", { className: "choice fac-select" }, [box, el("span", { text: t.select_card })]);
    return {
      root: root,
      refresh: function (card) {
        box.setAttribute("aria-label", t.select_card + ": " + short(card.text, 40));
        // Causes are merged from their panel: a box on every "why?" would crowd the tree.
        // A deleted card may be chosen: the bar restores it (cards:bulk).
        root.hidden = card.kind === "cause" || card.status === "merged";
      }
    };
  }

  /* -- dragging -------------------------------------------------------------------- */

  /* Anywhere on the page, a drag near an edge scrolls (also over no drop target). */
  ["dragover", "dragenter"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (dragging !== null) edges.at(event.clientY, event.target);
    }, true);
  });

  function target(node, where) {
    node.addEventListener("dragover", function (event) {
      if (dragging === null || !dropAction(store, dragging, where, ctx.rules.merge_same)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      node.classList.add("fac-drop-ok");
    });
    node.addEventListener("dragleave", function (event) {
      if (!node.contains(event.relatedTarget)) node.classList.remove("fac-drop-ok");
    });
    node.addEventListener("drop", function (event) {
      node.classList.remove("fac-drop-ok");
      const source = dragging !== null ? dragging : Number(event.dataTransfer.getData(CARD_TYPE));
      const action = dropAction(store, source, where, ctx.rules.merge_same);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      dragging = null;
      edges.stop();
      clearTextSelection();
      const area = node.querySelector(".fac-error") || $("selection-error");
      if (action.action === "merge") merge([action.source], action.target, area);
      else {
        const cluster = action.cluster === null ? null : store.clusters[action.cluster];
        group([action.source], action.cluster, cluster ? cluster.title : "", area);
      }
    });
  }

  const dnd = {
    /* `handle` starts a drag of card `cardId`; `root` takes drops of other cards. */
    card: function (handle, root, cardId) {
      handle.setAttribute("draggable", "true");
      handle.addEventListener("dragstart", function (event) {
        dragging = cardId;
        event.dataTransfer.setData(CARD_TYPE, String(cardId));
        event.dataTransfer.effectAllowed = "move";
        clearTextSelection();
        document.body.classList.add("fac-dragging");
      });
      handle.addEventListener("dragend", function () {
        dragging = null;
        edges.stop();
        clearTextSelection();
        document.body.classList.remove("fac-dragging");
        document.querySelectorAll(".fac-drop-ok").forEach(function (n) { n.classList.remove("fac-drop-ok"); });
      });
      target(root, { card: cardId });
    },
    /* A cluster (id), or a board's cards in no cluster (null), takes bottlenecks. */
    cluster: function (node, clusterId) {
      target(node, { cluster: clusterId });
    }
  };

  return {
    init: bindBar,
    tool: selectTool,
    dnd: dnd,
    /* After a redraw: drop cards that are gone or merged from the choice. */
    render: function () {
      const kept = chosen.filter(function (id) { const c = store.cards[id]; return c && c.status !== "merged"; });
      if (kept.length !== chosen.length) setChosen(kept);
      else renderBar();
    }
  };
}
