/* One approval queue for every board: each card waiting for approval, with its
 * board, its kind and who wrote it, approved or rejected (deleted, so it can
 * still be restored) in one click; or every waiting card of one board, or of
 * all, approved in one click (cards:approve_all). Rows are kept per card and
 * only moved. */

import { el, fmt, setText, short, syncChildren, prune } from "../shared/dom.js";
import { createCard, renderCard, byline } from "../shared/cards.js";
import { approvalQueue } from "./facilitator-model.js";
import { errorArea, button, sectorName, showOk } from "./facilitator-ui.js";
import { texts } from "./facilitator-texts.js";

export function createQueue(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const rows = {}; // card id -> row parts
  const $ = function (id) { return document.getElementById(id); };
  const words = texts();
  const allArea = errorArea();
  const allBoards = {}; // sector id -> its "approve all on this board" button
  let allBar = null;

  /* "Approve all (n)" for every board, then one per board with cards waiting. */
  function approveAll(sectorId, b) {
    const payload = sectorId === null ? {} : { sector_id: sectorId };
    ctx.send("cards:approve_all", payload, {
      area: allArea,
      button: b,
      ok: function (reply) { showOk(allArea, fmt(words.approved_n, { n: reply.approved.length })); }
    });
  }

  function renderAll(waiting) {
    if (!allBar) {
      const every = button("", "", function () { approveAll(null, every); }, { "data-approve-all": "" });
      allBar = { every: every, boards: el("div", { className: "actions fac-queue-boards" }) };
      allBar.root = el("div", { className: "fac-queue-all" }, [el("div", { className: "actions" }, [every]), allBar.boards, allArea]);
      $("queue-list").parentNode.insertBefore(allBar.root, $("queue-list"));
    }
    const counts = {};
    waiting.forEach(function (card) { counts[card.sector_id] = (counts[card.sector_id] || 0) + 1; });
    allBar.root.hidden = waiting.length === 0;
    setText(allBar.every, fmt(words.approve_all, { n: waiting.length }));
    const boards = store.sectors().filter(function (s) { return counts[s.id]; });
    // One board's button says the same as "all": shown only with two boards or more.
    syncChildren(allBar.boards, boards.length < 2 ? [] : boards.map(function (sector) {
      let b = allBoards[sector.id];
      if (!b) {
        b = allBoards[sector.id] = button("", "secondary", function () { approveAll(sector.id, b); }, { "data-approve-board": sector.id });
      }
      setText(b, fmt(words.approve_all_board, { board: sector.name, n: counts[sector.id] }));
      return b;
    }));
  }

  function row(card) {
    let r = rows[card.id];
    if (!r) {
      r = rows[card.id] = { face: createCard("div", { className: "fac-queue-card" }), area: errorArea(), sig: null };
      r.where = el("p", { className: "fac-queue-where" });
      r.approve = button(t.approve, "", function () { decide("approve", r.approve); }, { "data-action": "approve" });
      r.reject = button(t.reject, "danger", function () { decide("delete", r.reject); }, { "data-action": "reject" });
      r.root = el("li", { className: "fac-queue-item", "data-card": card.id }, [
        el("div", { className: "fac-queue-body" }, [r.where, r.face.el]),
        el("div", { className: "actions fac-queue-actions" }, [r.approve, r.reject]),
        r.area
      ]);
      const id = card.id;
      const decide = function (action, b) {
        ctx.send("card:status", { card_id: id, action: action }, { area: r.area, button: b });
      };
    }
    const sig = JSON.stringify(card) + sectorName(store, card.sector_id);
    if (sig !== r.sig) {
      r.sig = sig;
      const parent = card.parent_id ? store.cards[card.parent_id] : null;
      setText(r.where, sectorName(store, card.sector_id) + " · " + (t["kind_" + card.kind] || card.kind) +
        (parent ? " · " + fmt(t.under_card, { text: short(parent.text, 40) }) : ""));
      renderCard(r.face, card, { categories: ctx.rules.categories, author: byline(card, { none: t.no_author, paper: t.paper_card }) });
      const label = ": " + short(card.text, 40);
      r.approve.setAttribute("aria-label", t.approve + label);
      r.reject.setAttribute("aria-label", t.reject + label);
    }
    return r.root;
  }

  function render() {
    if (!store.workshop) return;
    const waiting = approvalQueue(store);
    renderAll(waiting);
    syncChildren($("queue-list"), waiting.map(row));
    prune(rows, function (id) { const c = store.cards[id]; return !!c && c.status === "pending"; });
    $("queue-empty").hidden = waiting.length > 0;
    setText($("queue-count"), waiting.length ? "(" + waiting.length + ")" : "");
    // With approval off and nothing waiting, the queue keeps out of the way.
    $("queue").hidden = waiting.length === 0 && !store.workshop.settings.approval_required;
  }

  return { render: render };
}
