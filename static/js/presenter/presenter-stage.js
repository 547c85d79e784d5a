/* The projector's stage around the boards: the join stage (the QR, the code
 * and the join address filling the screen) during the opening and whenever
 * the facilitator brings it up from the laptop ("Tampilkan QR", `join.shown`:
 * for the rest of that phase), a small band with the code otherwise (key "J"
 * or the button brings it up, or folds it again); the results view, the top three of
 * each board in large type, on its own in prioritising and closing (key "R"
 * or the button switches it); and the spotlight, one card the facilitator
 * puts large in the middle of the screen until they clear it. What the
 * phase decides is presenter-model.js's; a choice by key or button lasts until the
 * phase changes. */

import { el, fmt, setText, show } from "../shared/dom.js";
import { joinOpenByPhase, resultsByPhase, topOf, pageStarts } from "./presenter-model.js";

const TOP = 3;
const SPOT_SIZES = 5; // spotlight-size-0 (largest) .. spotlight-size-4
const RESULT_SIZES = 4; // results-size-0 (largest) .. results-size-3 (21 px: still read from the back)

/* parts: {joinToggle, resultsToggle, results, resultsGrid, spotlight, spotText, spotMeta};
 * ctx: {t, store, rules, pager, joinShown: the page's `join.shown` state at load}. */
export function createStage(parts, ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const body = document.body;
  let phaseSeen;
  let joinChoice = null; // null: as the phase says
  let resultsChoice = null;
  let resultsHtml = null;
  let spotKey = null;
  let joinPhase = ctx.joinShown ? ctx.joinShown.phase_id : null; // the facilitator's QR, for this phase

  function joinOpen() {
    if (joinChoice !== null) return joinChoice;
    const w = store.workshop;
    return (joinPhase !== null && joinPhase !== undefined && w && w.phase_id === joinPhase) || joinOpenByPhase(w);
  }

  /* The facilitator brought the QR up (or folded it): it outranks a key pressed here. */
  function joinShown(data) {
    joinPhase = data ? data.phase_id : null;
    joinChoice = null;
  }

  function resultsOn() {
    return resultsChoice === null ? resultsByPhase(store.workshop) : resultsChoice;
  }

  function votesShown() {
    const w = store.workshop;
    return !!(w && w.settings.votes_revealed);
  }

  function sectorResult(sector) {
    const top = topOf(store.ranking(sector.id), votesShown(), TOP);
    const rows = top.rows.map(function (row) {
      const value = top.by === "usg" ? fmt(t.usg_total, { n: row.value }) : fmt(t.votes_n, { n: row.value });
      return el("li", { className: "result-item", "data-card": row.card.id }, [
        el("span", { className: "result-rank", text: String(row.rank) }),
        el("p", { className: "result-text", text: row.card.text }),
        el("p", { className: "result-value", text: value })
      ]);
    });
    // A sector's three stay together: a page holds whole rows of sectors.
    return el("section", { className: "result-sector page-unit", "data-sector": sector.id }, [
      el("h3", { className: "result-sector-name" }, [
        sector.name,
        top.by ? el("span", { className: "result-by", text: top.by === "usg" ? t.by_usg : t.by_votes }) : null
      ]),
      rows.length ? el("ol", { className: "result-list" }, rows) : el("p", { className: "empty", text: t.no_results })
    ]);
  }

  /* Returns whether the results' markup changed (to be paged again). */
  function renderResults(on) {
    body.classList.toggle("results-mode", on);
    show(parts.results, on);
    parts.resultsToggle.setAttribute("aria-pressed", String(on));
    if (!on) return false;
    const fresh = store.sectors().map(sectorResult);
    const holder = el("div", {}, fresh);
    if (holder.innerHTML === resultsHtml) return false;
    resultsHtml = holder.innerHTML;
    parts.resultsGrid.replaceChildren.apply(parts.resultsGrid, fresh);
    fitResults();
    return true;
  }

  /* The sectors in a grid that fills the screen (three across for five or
   * six, each sector's three stacked), in the largest type at which all of
   * them fit with no word broken. When none does, pages of whole sectors
   * take turns (presenter-pages.js): rows of that grid, or of two sectors,
   * or one sector under another with its three side by side, whichever needs
   * the fewest pages, in the largest type that does. */
  function fitResults() {
    const grid = parts.resultsGrid;
    if (parts.results.hidden) return;
    const n = grid.children.length;
    const wide = n <= 3 ? Math.max(1, n) : n === 4 ? 2 : n <= 6 ? 3 : 4;
    const grids = [wide, 2, 1].filter(function (c, i, all) { return c <= wide && all.indexOf(c) === i; });
    const arrange = function (cols, size) {
      for (let c = 1; c <= 4; c++) grid.classList.toggle("results-cols-" + c, c === cols);
      for (let i = 0; i < RESULT_SIZES; i++) grid.classList.toggle("results-size-" + i, i === size);
    };
    grid.scrollTop = 0;
    Array.prototype.forEach.call(grid.children, function (node) { node.classList.remove("off-page"); });
    const height = grid.clientHeight;
    const texts = grid.querySelectorAll(".result-text");
    let best = null;
    for (let g = 0; g < grids.length; g++) {
      for (let size = 0; size < RESULT_SIZES; size++) {
        arrange(grids[g], size);
        const whole = Array.prototype.every.call(texts, function (e) { return e.scrollWidth <= e.clientWidth + 1; });
        if (whole && grid.scrollHeight <= height + 1) return; // all at once
        const base = grid.getBoundingClientRect().top;
        const units = Array.prototype.map.call(grid.children, function (node) {
          const box = node.getBoundingClientRect();
          return { top: box.top - base, bottom: box.bottom - base, tall: box.height > height + 1 };
        });
        if (!whole || units.some(function (u) { return u.tall; })) continue;
        const pages = pageStarts(units, height).length;
        if (!best || pages < best.pages) best = { pages: pages, cols: grids[g], size: size };
      }
    }
    if (best) arrange(best.cols, best.size);
  }

  /* The spotlighted card while this screen may show it (visible, not concealed). */
  function spotCard() {
    const card = store.spotlight ? store.cards[store.spotlight] : null;
    return card && card.status === "visible" ? card : null;
  }

  /* The largest type at which the whole text fits the box. */
  function fit() {
    for (let size = 0; size < SPOT_SIZES; size++) {
      for (let i = 0; i < SPOT_SIZES; i++) parts.spotlight.classList.toggle("spotlight-size-" + i, i === size);
      if (parts.spotText.scrollHeight <= parts.spotText.clientHeight + 1) return;
    }
  }

  function renderSpotlight() {
    const card = spotCard();
    body.classList.toggle("spotlight-mode", !!card);
    show(parts.spotlight, !!card);
    if (!card) {
      spotKey = null;
      return;
    }
    const sector = store.sector(card.sector_id);
    const kind = card.kind === "solution" ? t.kind_solution : card.kind === "cause" ? t.kind_cause : t.kind_bottleneck;
    const key = card.id + ":" + card.text + ":" + (sector ? sector.name : "") + window.innerWidth + "x" + window.innerHeight;
    if (key === spotKey) return;
    spotKey = key;
    parts.spotlight.setAttribute("data-card", card.id);
    setText(parts.spotMeta, sector ? sector.name + " · " + kind : kind);
    setText(parts.spotText, card.text);
    fit();
  }

  /* Draw the stage; returns whether the results view was drawn anew. */
  function render() {
    const w = store.workshop;
    if (!w) return false;
    if (phaseSeen !== undefined && phaseSeen !== w.phase_id) {
      joinChoice = null;
      resultsChoice = null;
    }
    phaseSeen = w.phase_id;
    const open = joinOpen();
    body.classList.toggle("join-collapsed", !open);
    body.classList.toggle("join-mode", open);
    parts.joinToggle.setAttribute("aria-pressed", String(open));
    const changed = renderResults(resultsOn());
    renderSpotlight();
    return changed;
  }

  function toggleJoin() {
    if (!store.workshop) return; // not yet known what the phase shows
    joinChoice = !joinOpen();
    render();
    ctx.pager.refresh(); // the boards got taller or shorter
  }

  function toggleResults() {
    if (!store.workshop) return; // not yet known what the phase shows
    resultsChoice = !resultsOn();
    render();
    if (!parts.results.hidden) fitResults();
    ctx.pager.refresh();
  }

  parts.joinToggle.addEventListener("click", toggleJoin);
  parts.resultsToggle.addEventListener("click", toggleResults);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return;
    if (event.key === "j" || event.key === "J") toggleJoin();
    else if (event.key === "r" || event.key === "R") toggleResults();
  });
  window.addEventListener("resize", function () {
    spotKey = null;
    renderSpotlight();
    if (!parts.results.hidden) fitResults();
  });

  return { render: render, joinShown: joinShown };
}
