/* The projector's stage, DOM-free (tested with node --test tests/js/):
 * where the pages of a long column start, which page a turn goes to, when
 * the join strip folds away and when the results view comes up on its own,
 * and the top of each board for the results view. */

import { compareKeys, isScored } from "../shared/store.js";

/* Where each page of a column starts (offsets from its top, in px), so that
 * every unit (a card with its solutions, a heading) shows whole on some page
 * and no page starts inside one. units: [{top, bottom, keep}] in the order
 * they come, keep: a heading that must not end a page (it goes over with what
 * follows). A unit taller than the page gets pages of its own, one page
 * height apart. A unit may say `lead`: the room its section's heading takes
 * when a page starts with it, the heading having been on an earlier page (the
 * page then starts that much higher, the heading sticking to its top).
 * height: the column's visible height. */
export function pageStarts(units, height) {
  const starts = [0];
  if (!(height > 0)) return starts;
  let start = 0;
  let pageFirst = 0; // the first unit on the current page
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (unit.bottom - start <= height + 0.5 || i === pageFirst) {
      start = splitTall(starts, start, unit, height);
      continue;
    }
    let first = i;
    // Cards beside it in the same row go with it, then the headings above them.
    while (first > pageFirst && units[first - 1].top >= unit.top - 0.5) first -= 1;
    while (first > pageFirst && units[first - 1].keep) first -= 1;
    if (unit.bottom - units[first].top > height + 0.5) first = i; // no room for the headings too
    if (first === pageFirst) {
      // Only headings (or its own row) above it on this page: it stays, split if taller.
      start = splitTall(starts, start, unit, height);
      continue;
    }
    start = leadStart(units[first], start, height);
    starts.push(start);
    pageFirst = first;
    // The headings carried over and this unit are on the new page; a tall one splits.
    start = splitTall(starts, start, unit, height);
  }
  return starts;
}

/* Where a page that opens with `unit` starts: above it by its lead, when
 * that leaves the unit whole on the page and stays below the last start. */
function leadStart(unit, last, height) {
  const lead = unit.lead || 0;
  if (!lead || unit.keep) return unit.top;
  const start = unit.top - lead;
  return start > last && unit.bottom - start <= height + 0.5 ? start : unit.top;
}

function splitTall(starts, start, unit, height) {
  while (unit.bottom - start > height + 0.5) {
    start += height;
    starts.push(start);
  }
  return start;
}

/* Whether a unit shows on page `page` of `starts`: each on the one page it
 * starts on (so a card in a row that went over is not shown twice), one
 * taller than a page on each page it crosses. */
export function onPage(unit, starts, page, height) {
  const start = starts[page];
  if (unit.bottom - unit.top > height + 0.5) return unit.bottom > start && unit.top < start + height;
  return pageAt(starts, unit.top) === page && unit.bottom <= start + height + 0.5;
}

/* The page after `page` of `count`, back to the first after the last. */
export function nextPage(page, count) {
  return count > 1 ? (page + 1) % count : 0;
}

/* The page that holds offset `top` now that the pages changed (a card came in). */
export function pageAt(starts, top) {
  let page = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= top + 0.5) page = i;
  return page;
}

/* The join strip (QR, address, code) is large during the opening, the
 * workshop's first phase (or while no phase is set), and a small band with
 * the code once the session moved on. */
export function joinOpenByPhase(workshop) {
  if (!workshop || !workshop.phases || !workshop.phases.length) return true;
  return workshop.phase_id === null || workshop.phase_id === undefined || workshop.phase_id === workshop.phases[0].id;
}

/* Whether the current phase shows the results view of its own, as the server
 * told it (each phase's `results`: ranking, closing, or the last phase). */
export function resultsByPhase(workshop) {
  if (!workshop || !workshop.phases) return false;
  const phase = workshop.phases.find(function (p) { return p.id === workshop.phase_id; });
  return !!(phase && phase.results);
}

/* The best `n` bottlenecks of one board for the results view, from what this
 * screen was sent: by USG (the server's rank_key order, scored ones only)
 * once any is scored, otherwise by votes while tallies are shown and some
 * card has votes; otherwise none. ranked: store.ranking(sector) rows.
 * Returns {by: "usg" | "votes" | null, rows: [{card, rank, value}]}. */
export function topOf(ranked, votesShown, n) {
  const scored = ranked.filter(function (row) { return row.rank !== null && isScored(row.card); });
  if (scored.length) {
    return {
      by: "usg",
      rows: scored.slice(0, n).map(function (row) { return { card: row.card, rank: row.rank, value: row.card.assessment.total }; })
    };
  }
  if (!votesShown) return { by: null, rows: [] };
  const voted = ranked
    .map(function (row) { return row.card; })
    .filter(function (card) { return typeof card.votes === "number" && card.votes > 0; })
    // Ties as the server breaks them (causes:choose_top): by its rank_key.
    .sort(function (a, b) { return b.votes - a.votes || compareKeys(a.rank_key, b.rank_key); });
  if (!voted.length) return { by: null, rows: [] };
  return {
    by: "votes",
    rows: voted.slice(0, n).map(function (card, i) { return { card: card, rank: i + 1, value: card.votes }; })
  };
}

/* How many of `count` board columns the projector shows side by side in
 * `width` px, each at least `least` px wide with `gap` between: all when
 * they fit, otherwise groups as even as possible (six boards, room for four:
 * two groups of three), taking turns. */
export function groupSize(count, width, least, gap) {
  if (count <= 1) return 1;
  const fit = Math.max(1, Math.floor((width + gap) / (least + gap)));
  if (count <= fit) return count;
  return Math.ceil(count / Math.ceil(count / fit));
}
