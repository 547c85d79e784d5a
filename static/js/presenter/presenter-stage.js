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
import { joinOpenByPhase, resultsByPhase, topOf } from "./presenter-model.js";

const TOP = 3;
const SPOT_SIZES = 5; // spotlight-size-0 (largest) .. spotlight-size-4

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
      return el("li", { className: "result-item page-unit", "data-card": row.card.id }, [
        el("span", { className: "result-rank", text: String(row.rank) }),
        el("p", { className: "result-text", text: row.card.text }),
        el("p", { className: "result-value", text: value })
      ]);
    });
    // The sector's name goes over to the next page with its row.
    return el("section", { className: "result-sector", "data-sector": sector.id }, [
      el("h3", { className: "result-sector-name page-unit page-keep" }, [
        sector.name,
        top.by ? el("span", { className: "result-by", text: top.by === "usg" ? t.by_usg : t.by_votes }) : null
      ]),
      rows.length ? el("ol", { className: "result-list" }, rows) : el("p", { className: "empty page-unit", text: t.no_results })
    ]);
  }

  function renderResults(on) {
    body.classList.toggle("results-mode", on);
    show(parts.results, on);
    parts.resultsToggle.setAttribute("aria-pressed", String(on));
    if (!on) return;
    const fresh = store.sectors().map(sectorResult);
    const holder = el("div", {}, fresh);
    if (holder.innerHTML === resultsHtml) return;
    resultsHtml = holder.innerHTML;
    parts.resultsGrid.replaceChildren.apply(parts.resultsGrid, fresh);
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

  function render() {
    const w = store.workshop;
    if (!w) return;
    if (phaseSeen !== undefined && phaseSeen !== w.phase_id) {
      joinChoice = null;
      resultsChoice = null;
    }
    phaseSeen = w.phase_id;
    const open = joinOpen();
    body.classList.toggle("join-collapsed", !open);
    body.classList.toggle("join-mode", open);
    parts.joinToggle.setAttribute("aria-pressed", String(open));
    renderResults(resultsOn());
    renderSpotlight();
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
    ctx.pager.refresh();
  }

  parts.joinToggle.addEventListener("click", toggleJoin);
  parts.resultsToggle.addEventListener("click", toggleResults);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return;
    if (event.key === "j" || event.key === "J") toggleJoin();
    else if (event.key === "r" || event.key === "R") toggleResults();
  });
  window.addEventListener("resize", function () { spotKey = null; renderSpotlight(); });

  return { render: render, joinShown: joinShown };
}
