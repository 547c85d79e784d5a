/* Similar cards without a DOM: when the phone asks which cards look like the
 * one being typed (card:similar), which of them it offers and with what tap,
 * and which of the facilitator's merge and cluster suggestions
 * (suggestions:get) are still worth showing. The matching is the server's;
 * this only decides when to ask and what is still true by the time the answer
 * is on screen. Tested with node --test (tests/js/similar.test.js). */

import { short } from "./dom.js";
import { isShown } from "./store.js";
import { may, canAddDot, postingClosed } from "./rules.js";

export const TYPING_PAUSE_MS = 600;

const TIMERS = {
  set: function (fn, ms) { return setTimeout(fn, ms); },
  clear: function (id) { clearTimeout(id); }
};

function keyOf(query) {
  return query.sector_id + "|" + query.kind + "|" + query.text;
}

/* When to ask while someone types. opts: ask(query, done(list | null)),
 * show(list, query) (query null: nothing to offer), connected() -> bool,
 * min (the page config's rules.limits.similar_query: the server looks nothing up
 * for less), delay, timers ({set, clear}, for tests). typed({sector_id, kind, text})
 * after every keystroke; clear() when the text is gone or posted.
 * After a pause of `delay` ms it asks, at most one request at a time; an
 * answer for a text no longer typed is dropped, and the latest is asked then. */
export function createAsker(opts) {
  const delay = opts.delay === undefined ? TYPING_PAUSE_MS : opts.delay;
  const min = opts.min;
  const timers = opts.timers || TIMERS;
  let timer = null;
  let wanted = null; // the query for what is typed now
  let answered = null; // key of the query last sent (its answer is, or will be, on screen)
  let flying = false;

  function fire() {
    timer = null;
    if (!wanted || flying || answered === keyOf(wanted) || !opts.connected()) return;
    const sent = wanted;
    flying = true;
    answered = keyOf(sent);
    opts.ask(sent, function (list) {
      flying = false;
      if (wanted && keyOf(wanted) === keyOf(sent)) {
        answered = keyOf(sent);
        opts.show(list || [], sent);
      }
      else if (wanted && timer === null) fire(); // typed on while it was asked: ask the latest now
    });
  }

  function clear() {
    timers.clear(timer);
    timer = null;
    wanted = null;
    answered = null;
    opts.show([], null);
  }

  function typed(query) {
    const text = String(query.text || "").trim();
    if (text.length < min) {
      if (wanted || answered) clear();
      return;
    }
    const next = { sector_id: query.sector_id, kind: query.kind, text: text };
    if (wanted && keyOf(wanted) === keyOf(next)) return; // a space, or the same board again
    wanted = next;
    timers.clear(timer);
    timer = timers.set(fire, delay);
  }

  return { typed: typed, clear: clear };
}

/* The cards to offer from an answer: as the store knows them now (fresher
 * votes and actions), none the store no longer shows, at most three; for a
 * solution only those under the same bottleneck (a like solution elsewhere
 * is no duplicate of this one). */
export function offerFrom(list, store, parentId) {
  const out = [];
  (list || []).forEach(function (found) {
    const known = store.cards[found.id];
    if (!known || !isShown(known)) return;
    if (parentId !== undefined && parentId !== null && known.parent_id !== parentId) return;
    out.push(Object.assign({}, found, known));
  });
  return out;
}

/* One tap to support an offered card instead of posting it again: "vote" (a
 * dot on it) when the viewer may vote on it now and has a dot left for it;
 * else "support" (a +1, card:support) when the card takes one (its `support`
 * action) and is not the viewer's own, its board collects its kind
 * now and the viewer has not supported it yet (`supported`: a Set of card
 * ids); else "view" (show it on the board). */
export function supportOrView(card, state, supported) {
  if (may(card, "vote", state) && canAddDot(card, state.store.myVotes)) return "vote";
  if (
    may(card, "support", state) &&
    !isOwn(card, state.viewer) &&
    postingClosed(state.store, card.sector_id, card.kind) === null &&
    !(supported && supported.has(card.id))
  ) return "support";
  return "view";
}

/* The viewer's own card: the server refuses to count its author's support
 * (voting/support.py). Told by the card's author, which its author always
 * sees, anonymous mode or not; not in the card's actions, where it would make
 * each author's form differ from everyone else's. */
function isOwn(card, viewer) {
  const me = viewer && viewer.participant;
  return !!(me && card.author && card.author.id === me.id);
}

/* A suggestion's key: its kind and its cards, sorted. */
export function suggestionKey(kind, ids) {
  return kind + ":" + ids.slice().sort(function (a, b) { return a - b; }).join(",");
}

function visible(store, id, sectorId) {
  const card = store.cards[id];
  return card && card.status === "visible" && card.sector_id === sectorId ? card : null;
}

/* The merges still worth offering, from a suggestions:get answer: both cards
 * still visible on that board, and not dismissed or accepted here (`skip`:
 * key -> true). Each is {type: "merge", key, kind, score, source, target}:
 * the newer card goes into the older. */
export function mergesToShow(reply, store, skip) {
  const out = [];
  ((reply && reply.merges) || []).forEach(function (m) {
    const key = suggestionKey("merge", m.cards);
    const a = visible(store, m.cards[0], reply.sector_id);
    const b = visible(store, m.cards[1], reply.sector_id);
    if (!a || !b || (skip && skip[key])) return;
    const newer = a.id > b.id ? a : b; // ids grow with time
    out.push({ type: "merge", key: key, kind: m.kind, score: m.score, source: newer, target: newer === a ? b : a });
  });
  return out;
}

/* The clusters still worth offering: their cards still visible on that
 * board (two at least), not all in one cluster already, not dismissed or
 * accepted here. Each is {type: "cluster", key, kind, cards} (oldest first). */
export function clustersToShow(reply, store, skip) {
  const out = [];
  ((reply && reply.clusters) || []).forEach(function (c) {
    const key = suggestionKey("cluster", c.cards);
    const cards = c.cards.map(function (id) { return visible(store, id, reply.sector_id); }).filter(Boolean);
    if (cards.length < 2 || (skip && skip[key])) return;
    const first = cards[0].cluster_id;
    if (first && cards.every(function (card) { return card.cluster_id === first; })) return;
    cards.sort(function (x, y) { return x.id - y.id; });
    out.push({ type: "cluster", key: key, kind: c.kind, cards: cards });
  });
  return out;
}

/* Words a shortened title must not end on: it would stop mid-phrase
 * ("Antrean pendaftaran pasien BPJS di"). Indonesian first, then English. */
const DANGLING = new Set((
  "di ke dari pada dan atau yang untuk dengan oleh karena sampai hingga agar serta sebagai tentang " +
  "antara bagi dalam tanpa tidak belum masih sudah akan para si sang se per tiap setiap " +
  "the a an of to in at on and or for with by from as is are not"
).split(" "));

/* A cluster's title to start from: the first card's text, or its first
 * clause, shortened at a word within `length` characters to end on a whole
 * word that closes a phrase (not "di", "yang", a lone number...); no "…": it
 * is a title to edit, not a quote. A first word longer than that is cut. */
export function clusterTitle(cards, length) {
  const text = short(cards.length ? cards[0].text : "", 1000);
  const max = length || 40;
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const clause = head.search(/[,;:(–—]\s[^,;:(–—]*$/);
  const space = head.lastIndexOf(" ");
  if (space <= 0) return text.slice(0, max);
  let words = (clause > max / 3 ? head.slice(0, clause) : head.slice(0, space)).split(" ");
  const dangling = function (word) {
    const bare = word.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, "");
    return !bare || DANGLING.has(bare) || /^\d+([.,]\d+)?%?$/.test(bare);
  };
  while (words.length > 1 && dangling(words[words.length - 1])) words = words.slice(0, -1);
  return words.join(" ").replace(/[\s,.;:–—(-]+$/, "");
}

/* Refresh something once soon after changes, one fetch at a time: soon()
 * waits `delay` ms, and the changes meanwhile fold into that one fetch (a
 * stream of posts cannot put it off for ever); now() fetches at once.
 * fetch(done) calls done() when answered; asked again meanwhile, it fetches
 * once more afterwards. */
export function createRefresher(fetch, opts) {
  const delay = (opts && opts.delay) || 2000;
  const timers = (opts && opts.timers) || TIMERS;
  let timer = null;
  let flying = false;
  let again = false;

  function run() {
    timers.clear(timer);
    timer = null;
    if (flying) {
      again = true;
      return;
    }
    flying = true;
    fetch(function () {
      flying = false;
      if (again) {
        again = false;
        run();
      }
    });
  }

  return {
    soon: function () { if (timer === null) timer = timers.set(run, delay); },
    now: run
  };
}
