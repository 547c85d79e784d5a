/* Pages for what is too long for the projector: each viewport (a board
 * column's body, the results view) shows one page of whole cards at a time
 * and turns to the next when that page has been up its full `seconds`, back
 * to the first after the last, so every card is read in turn and none is
 * cut. Where the pages start is presenter-model.js's arithmetic on the units'
 * boxes; cards not whole on the current page are hidden, so no half card
 * peeks in at the bottom. A page that goes on with a cluster (or a chart)
 * begun on an earlier page keeps its heading: the heading sticks to the top
 * (CSS position: sticky) in the room the arithmetic left for it. A turn fades
 * in, or just jumps with prefers-reduced-motion.
 *
 * Each viewport keeps its own clock (when its page came up): a sector that
 * comes on stage starts at its first page (rewind), and a card arriving does
 * not cut a page's time short. */

import { pageStarts, onPage, nextPage, pageAt } from "./presenter-model.js";

const UNITS = ".page-unit";
const TICK_MS = 250;
const LEAD_GAP = 8; // px between a carried-over heading and the card under it

/* The heading a unit goes on under: its section's own `.page-keep`. */
function headingOf(node) {
  if (node.classList.contains("page-keep")) return null;
  const section = node.closest("section");
  const head = section ? section.querySelector(":scope > .page-keep") : null;
  return head && head !== node ? head : null;
}

function unitsOf(viewport) {
  const base = viewport.getBoundingClientRect().top - viewport.scrollTop;
  return Array.prototype.map.call(viewport.querySelectorAll(UNITS), function (node) {
    const box = node.getBoundingClientRect();
    const head = headingOf(node);
    const lead = head ? Math.ceil(head.getBoundingClientRect().height) + LEAD_GAP : 0;
    return { node: node, head: head, top: Math.round(box.top - base), bottom: Math.round(box.bottom - base), keep: node.classList.contains("page-keep"), lead: lead };
  });
}

/* viewports(): the elements to page now, each with a `data-pages` key that
 * stays the same across redraws (a sector id); label(viewport, n, total):
 * shows "page n of total" next to it. Returns {refresh, turn, atEnd, rewind, state}. */
export function createPager(viewports, label, seconds) {
  const state = {}; // key -> {page, top, count, done, since}
  const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  const pageMs = Math.max(1, seconds) * 1000;

  function layout(viewport, animate) {
    if (!viewport.clientHeight) return; // off stage: its place is kept
    const key = viewport.getAttribute("data-pages");
    const known = state[key] || (state[key] = { page: 0, top: 0, since: Date.now() });
    viewport.scrollTop = 0;
    const units = unitsOf(viewport);
    units.forEach(function (u) { u.node.classList.remove("off-page"); });
    const height = viewport.clientHeight;
    const starts = pageStarts(units, height);
    // Stay on the page of the card that was at the top (a card came in above).
    known.page = Math.min(pageAt(starts, known.top), starts.length - 1);
    const start = starts[known.page];
    known.top = start;
    known.count = starts.length;
    viewport.scrollTop = start;
    let first = null;
    units.forEach(function (u) {
      const on = onPage(u, starts, known.page, height);
      u.node.classList.toggle("off-page", !on);
      if (on && !first) first = u;
    });
    // A page that goes on with a section begun earlier shows its heading on top.
    if (first && first.head && first.top - start >= first.lead - 1 && pageAt(starts, headTop(units, first.head)) < known.page) {
      first.head.classList.remove("off-page");
    }
    viewport.classList.toggle("paged", starts.length > 1);
    if (animate && !(reduced && reduced.matches)) {
      viewport.classList.remove("page-turn");
      void viewport.offsetWidth; // restart the fade
      viewport.classList.add("page-turn");
    }
    label(viewport, known.page + 1, starts.length);
  }

  function headTop(units, head) {
    for (let i = 0; i < units.length; i++) if (units[i].node === head) return units[i].top;
    return 0;
  }

  /* Lay out again the viewports whose keys are in `keys` (all when not given). */
  function refresh(keys) {
    const only = keys ? new Set(keys) : null;
    viewports().forEach(function (v) {
      if (!only || only.has(v.getAttribute("data-pages"))) layout(v, false);
    });
  }

  function turnOne(v, known) {
    const last = known.page >= known.count - 1;
    known.page = nextPage(known.page, known.count);
    if (last) known.done = true; // every page shown its full time
    known.since = Date.now();
    v.scrollTop = 0;
    const starts = pageStarts(unitsOf(v), v.clientHeight);
    known.top = starts[Math.min(known.page, starts.length - 1)] || 0;
    layout(v, true);
  }

  /* Turn the page of each viewport (`only(v)` says which) now. */
  function turn(only) {
    viewports().forEach(function (v) {
      if (only && !only(v)) return;
      const known = state[v.getAttribute("data-pages")];
      if (known && known.count > 1) turnOne(v, known);
    });
  }

  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () { refresh(null); }, 150);
  });
  // Each page turns once it has been up its full time.
  setInterval(function () {
    const now = Date.now();
    viewports().forEach(function (v) {
      const known = state[v.getAttribute("data-pages")];
      if (!known || !(known.count > 1) || now - known.since < pageMs) return;
      if (!v.clientHeight) return; // off stage
      turnOne(v, known);
    });
  }, TICK_MS);

  /* Whether the viewport `key` has shown every page its full time since it came on (or has one page). */
  function atEnd(key) {
    const known = state[key];
    return !known || !(known.count > 1) || !!known.done;
  }

  /* Back to the first page of `key` (a sector coming on stage), its time starting now. */
  function rewind(key) {
    const known = state[key] || (state[key] = { page: 0, top: 0 });
    known.page = 0;
    known.top = 0;
    known.done = false;
    known.since = Date.now();
  }

  return { refresh: refresh, turn: turn, atEnd: atEnd, rewind: rewind, state: state };
}
