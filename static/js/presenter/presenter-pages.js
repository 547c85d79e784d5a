/* Pages for what is too long for the projector: each viewport (a board
 * column's body, the results view) shows one page of whole cards at a time
 * and turns to the next every few seconds, back to the first after the last,
 * so every card is read in turn and none is cut. Where the pages start is
 * presenter-model.js's arithmetic on the units' boxes; cards not whole on the current
 * page are hidden, so no half card peeks in at the bottom. A turn fades in,
 * or just jumps with prefers-reduced-motion. */

import { pageStarts, onPage, nextPage, pageAt } from "./presenter-model.js";

const UNITS = ".page-unit";

function unitsOf(viewport) {
  const base = viewport.getBoundingClientRect().top - viewport.scrollTop;
  return Array.prototype.map.call(viewport.querySelectorAll(UNITS), function (node) {
    const box = node.getBoundingClientRect();
    return { node: node, top: Math.round(box.top - base), bottom: Math.round(box.bottom - base), keep: node.classList.contains("page-keep") };
  });
}

/* viewports(): the elements to page now, each with a `data-pages` key that
 * stays the same across redraws (a sector id); label(viewport, n, total):
 * shows "page n of total" next to it. Returns {refresh, turn, state}. */
export function createPager(viewports, label, seconds) {
  const state = {}; // key -> {page, top}
  const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function layout(viewport, animate) {
    if (!viewport.clientHeight) return; // off stage: its place is kept
    const key = viewport.getAttribute("data-pages");
    const known = state[key] || (state[key] = { page: 0, top: 0 });
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
    if (known.page === starts.length - 1) known.done = true; // every card shown once
    viewport.scrollTop = start;
    units.forEach(function (u) { u.node.classList.toggle("off-page", !onPage(u, starts, known.page, height)); });
    viewport.classList.toggle("paged", starts.length > 1);
    if (animate && !(reduced && reduced.matches)) {
      viewport.classList.remove("page-turn");
      void viewport.offsetWidth; // restart the fade
      viewport.classList.add("page-turn");
    }
    label(viewport, known.page + 1, starts.length);
  }

  function refresh() {
    viewports().forEach(function (v) { layout(v, false); });
  }

  function turn(only) {
    viewports().forEach(function (v) {
      if (only && !only(v)) return;
      const known = state[v.getAttribute("data-pages")];
      if (!known || !(known.count > 1)) return;
      known.page = nextPage(known.page, known.count);
      v.scrollTop = 0;
      const starts = pageStarts(unitsOf(v), v.clientHeight);
      known.top = starts[Math.min(known.page, starts.length - 1)] || 0;
      layout(v, true);
    });
  }

  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(refresh, 150);
  });
  setInterval(function () { turn(null); }, Math.max(1, seconds) * 1000);
  /* Whether the viewport `key` has shown its last page since it came on (or has one page). */
  function atEnd(key) {
    const known = state[key];
    return !known || !(known.count > 1) || !!known.done;
  }

  /* Back to the first page of `key` (a sector coming on stage). */
  function rewind(key) {
    if (state[key]) {
      state[key].top = 0;
      state[key].done = false;
    }
  }

  return { refresh: refresh, turn: turn, atEnd: atEnd, rewind: rewind, state: state };
}
