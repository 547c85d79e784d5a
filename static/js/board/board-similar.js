/* The phone's offer of similar cards while a participant types a bottleneck or
 * a solution: after a pause, up to three cards already on the board, each
 * with one tap to support it instead of posting a duplicate ("Dukung": a dot,
 * and the draft is cleared) or to see it on the board ("Lihat"). It sits under
 * the form's send button, so the button never moves, and posting anyway is
 * untouched. When to ask and what to offer: similar.js. */

import { el, fmt, setText, show } from "../shared/dom.js";
import { createAsker, offerFrom, supportOrView } from "../shared/similar.js";

const FLASH_MS = 2500;
const NOTE_MS = 6000;

/* ctx needs store, t, emit, connected() and sectorId(). attach(form, area,
 * {kind, parentId}) adds an offer to one form. */
export function createSimilar(ctx) {
  const offers = []; // offers on screen, redrawn when the store changes
  let nextId = 0;

  ctx.store.onChange(function () {
    offers.slice().forEach(function (offer) { offer.refresh(); });
  });

  function highlight(cardId, focus) {
    const node = document.getElementById("card-" + cardId);
    if (!node) return;
    const calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    node.scrollIntoView({ block: "start", behavior: calm ? "auto" : "smooth" });
    if (focus) {
      if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
      node.focus({ preventScroll: true });
    }
    node.classList.add("similar-flash");
    clearTimeout(node.uraiFlash);
    node.uraiFlash = setTimeout(function () { node.classList.remove("similar-flash"); }, FLASH_MS);
  }

  function attach(form, area, opts) {
    const t = ctx.t;
    const store = ctx.store;
    let found = []; // the last answer, for `query`
    let query = null;
    let drawn = "";
    const title = el("p", { className: "similar-title", role: "status", text: t.similar_title });
    const list = el("ul", { className: "similar-list" });
    const note = el("p", { className: "similar-note", role: "status" });
    const box = el("div", { className: "similar-offer", hidden: true }, [title, list, note]);
    form.appendChild(box);

    function sectorOf() {
      if (opts.kind === "bottleneck") return ctx.sectorId();
      const parent = store.cards[opts.parentId];
      return parent ? parent.sector_id : null;
    }

    const asker = createAsker({
      min: ctx.rules.limits.similar_query,
      connected: ctx.connected,
      ask: function (q, done) {
        ctx.emit("card:similar", q, function (err, reply) {
          done(!err && reply && reply.ok ? reply.similar : null);
        });
      },
      show: function (list, q) {
        found = list;
        query = q;
        render();
      }
    });

    function setNote(text, isError) {
      clearTimeout(note.uraiTimer);
      setText(note, text);
      note.classList.toggle("field-error", !!isError);
      if (text && !isError) note.uraiTimer = setTimeout(function () { setNote(""); }, NOTE_MS);
      render();
    }

    function votesText(card) {
      const w = store.workshop;
      if (!w || !w.settings.votes_revealed || typeof card.votes !== "number" || card.votes <= 0) return "";
      return card.votes === 1 ? t.similar_vote_one : fmt(t.similar_votes, { n: card.votes });
    }

    function support(card, button) {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      ctx.emit("vote:cast", { card_id: card.id }, function (err, reply) {
        button.removeAttribute("aria-busy");
        if (err || !reply) return setNote(t.vote_failed, true);
        if (!reply.ok) return setNote(reply.error.message, true);
        store.setMyVotes(reply.my_votes);
        // The dot stands in for the post: the draft goes (the post form saves the empty draft on "input").
        form.reset();
        area.dispatchEvent(new Event("input", { bubbles: true }));
        setNote(t.similar_supported);
        highlight(card.id, false);
      });
    }

    function item(card, choice) {
      const textId = "similar-text-" + ++nextId;
      const votes = votesText(card);
      const button = el("button", {
        type: "button",
        className: "button secondary similar-" + choice,
        "aria-describedby": textId,
        text: choice === "support" ? t.similar_support : t.similar_view,
        onclick: function () {
          if (choice === "support") support(card, button);
          else highlight(card.id, true);
        }
      });
      return el("li", { className: "similar-item", "data-card": card.id }, [
        el("p", { className: "similar-text", id: textId, text: card.text }),
        votes ? el("p", { className: "similar-votes", text: votes }) : null,
        button
      ]);
    }

    function render() {
      const cards = query ? offerFrom(found, store, opts.kind === "solution" ? opts.parentId : null) : [];
      const choices = cards.map(function (card) { return supportOrView(card, ctx); });
      const key = JSON.stringify(cards.map(function (card, n) { return [card.id, card.text, votesText(card), choices[n]]; }));
      if (key !== drawn) {
        drawn = key;
        list.textContent = "";
        cards.forEach(function (card, n) { list.appendChild(item(card, choices[n])); });
      }
      show(title, cards.length > 0);
      show(list, cards.length > 0);
      const on = cards.length > 0 || note.textContent !== "";
      show(box, on);
      const at = offers.indexOf(offer);
      if (on && at === -1) offers.push(offer);
      if (!on && at !== -1) offers.splice(at, 1);
    }

    function typed() {
      if (area.matches(":disabled")) asker.clear();
      else asker.typed({ sector_id: sectorOf(), kind: opts.kind, text: area.value });
    }

    const offer = {
      refresh: function () {
        if (!document.contains(box) || area.matches(":disabled")) {
          asker.clear();
          return;
        }
        // The phone moved to another board: ask again there.
        if (query && query.sector_id !== sectorOf()) {
          query = null;
          typed();
        }
        render();
      }
    };

    area.addEventListener("input", function () {
      if (area.value.trim()) setNote("");
      typed();
    });
    form.addEventListener("submit", function () { asker.clear(); });
    return offer;
  }

  return { attach: attach };
}
