/* The phone's offer of similar cards while a participant types a bottleneck or
 * a solution: after a pause, up to three cards already on the board, each
 * shown in two or three lines (enough to judge it), with one tap to support
 * it instead of posting a duplicate (a dot while voting is open and a dot is
 * left; else a "+1", card:support, that the facilitator sees on the card)
 * and one to see it on the board; beside their title one tap to post anyway. It sits
 * right under the text box, before the send button, where the on-screen
 * keyboard does not hide it, and is scrolled into view when it appears.
 * After a support the draft is cleared and the offer says what happened.
 * When to ask and what to offer: similar.js. */

import { el, fmt, setText, show } from "../shared/dom.js";
import { createAsker, offerFrom, supportOrView } from "../shared/similar.js";

const FLASH_MS = 2500;
const NOTE_MS = 6000;

/* ctx needs store, t, emit, connected() and sectorId(). attach(form, area,
 * {kind, parentId}) adds an offer to one form. */
export function createSimilar(ctx) {
  const offers = []; // offers on screen, redrawn when the store changes
  const supported = new Set(); // cards this phone supported ("+1") since the page opened
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
    const anyway = el("button", {
      type: "button",
      className: "button secondary similar-post-anyway",
      text: t.similar_post_anyway,
      onclick: function () {
        if (form.requestSubmit) form.requestSubmit();
        else form.querySelector("button[type=submit]").click();
      }
    });
    // Posting anyway sits beside the title, so that it is in view with the first card.
    const head = el("div", { className: "similar-head" }, [title, anyway]);
    const box = el("div", { className: "similar-offer", hidden: true }, [head, list, note]);
    // Right under the text, before the send button: in view above the keyboard.
    area.insertAdjacentElement("afterend", box);

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

    function countsText(card) {
      const w = store.workshop;
      const parts = [];
      if (w && w.settings.votes_revealed && typeof card.votes === "number" && card.votes > 0) {
        parts.push(card.votes === 1 ? t.similar_vote_one : fmt(t.similar_votes, { n: card.votes }));
      }
      if (card.supports > 0) parts.push(fmt(t.similar_supports, { n: card.supports }));
      return parts.join(" · ");
    }

    /* The support stands in for the post: the draft goes (the post form saves the empty draft on "input"). */
    function done(card, message) {
      form.reset();
      area.dispatchEvent(new Event("input", { bubbles: true }));
      setNote(message);
      highlight(card.id, false);
    }

    function support(card, button, how) {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      const vote = how === "vote";
      ctx.emit(vote ? "vote:cast" : "card:support", { card_id: card.id }, function (err, reply) {
        button.removeAttribute("aria-busy");
        if (err || !reply) return setNote(vote ? t.vote_failed : t.similar_support_failed, true);
        if (!reply.ok) return setNote(reply.error.message, true);
        if (vote) {
          store.setMyVotes(reply.my_votes);
          return done(card, t.similar_supported);
        }
        supported.add(card.id);
        done(card, reply.added ? t.similar_plus_done : t.similar_plus_again);
      });
    }

    function item(card, choice) {
      const textId = "similar-text-" + ++nextId;
      const counts = countsText(card);
      const view = el("button", {
        type: "button",
        className: "button secondary similar-view",
        "aria-describedby": textId,
        text: t.similar_view,
        onclick: function () { highlight(card.id, true); }
      });
      const button = choice === "view" ? null : el("button", {
        type: "button",
        className: "button similar-support",
        "data-how": choice,
        "aria-describedby": textId,
        text: choice === "vote" ? t.similar_vote : t.similar_support,
        onclick: function () { support(card, button, choice); }
      });
      return el("li", { className: "similar-item", "data-card": card.id }, [
        el("p", { className: "similar-text", id: textId, text: card.text }),
        counts ? el("p", { className: "similar-votes", text: counts }) : null,
        el("div", { className: "similar-actions" }, [button, view].filter(Boolean))
      ]);
    }

    /* Appearing while the keyboard is up: scroll so that the first card and its
     * taps are in view, never the text box's top under the phase banner. */
    function keepInView() {
      const first = list.firstElementChild;
      if (!first || document.activeElement !== area) return;
      const bottom = window.visualViewport ? window.visualViewport.height : window.innerHeight;
      const banner = document.getElementById("phase-banner");
      const top = banner && !banner.hidden ? banner.getBoundingClientRect().bottom : 0;
      const over = first.getBoundingClientRect().bottom + 8 - bottom;
      const room = area.getBoundingClientRect().top - top - 8;
      if (over > 0 && room > 0) window.scrollBy(0, Math.min(over, room));
    }

    function render() {
      const cards = query ? offerFrom(found, store, opts.kind === "solution" ? opts.parentId : null) : [];
      const choices = cards.map(function (card) { return supportOrView(card, ctx, supported); });
      const key = JSON.stringify(cards.map(function (card, n) { return [card.id, card.text, countsText(card), choices[n]]; }));
      const appeared = cards.length > 0 && (box.hidden || list.hidden);
      if (key !== drawn) {
        drawn = key;
        list.textContent = "";
        cards.forEach(function (card, n) { list.appendChild(item(card, choices[n])); });
      }
      show(head, cards.length > 0);
      show(list, cards.length > 0);
      const on = cards.length > 0 || note.textContent !== "";
      show(box, on);
      const at = offers.indexOf(offer);
      if (on && at === -1) offers.push(offer);
      if (!on && at !== -1) offers.splice(at, 1);
      if (appeared) keepInView();
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
