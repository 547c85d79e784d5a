/* Around the cards of the phone board: the phase banner with its timer and
 * the dots left, the sector tabs, the notes on what is closed and why, the
 * connection state and the screen reader's announcements. */

import { el, setText, show, setAttr, syncChildren, fmt } from "../shared/dom.js";
import { formatSeconds } from "../shared/store.js";
import { postingClosed, closedText, votingOn, scoringBoard, causeBoard } from "../shared/rules.js";

export function createChrome(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    banner: byId("phase-banner"),
    phaseName: byId("phase-name"),
    prompt: byId("phase-prompt"),
    timerBox: byId("phase-timer-box"),
    timer: byId("phase-timer"),
    timerNote: byId("phase-timer-note"),
    phaseClosed: byId("phase-closed"),
    votesLeft: byId("votes-left"),
    status: byId("connection"),
    tabs: byId("sector-tabs"),
    heading: byId("board-heading"),
    postClosed: byId("post-closed"),
    form: byId("post-form"),
    fields: byId("post-fields"),
    textArea: byId("post-text"),
    concealed: byId("concealed-note"),
    solutionsClosed: byId("solutions-closed"),
    scoringNote: byId("scoring-note"),
    causesNote: byId("causes-note"),
    empty: byId("empty"),
    ended: byId("ended"),
    announcer: byId("announcer")
  };
  let tabsKey = "";
  let phaseId;

  function sectors() {
    return store.workshop ? store.workshop.sectors : ctx.config.sectors;
  }

  function sectorName(id) {
    const sector = sectors().find(function (s) { return s.id === id; });
    return sector ? sector.name : "";
  }

  /* A default phase's name and prompt in this phone's language (they are stored
   * in the workshop's); what the facilitator typed stays as typed. */
  function phaseName(phase) {
    const known = (ctx.config.default_phases || {})[phase.kind];
    return known && known.names.indexOf(phase.name) >= 0 ? known.name : phase.name;
  }

  function phasePrompt(phase) {
    const known = (ctx.config.default_phases || {})[phase.kind];
    return known && phase.prompt && known.prompts.indexOf(phase.prompt) >= 0 ? known.prompt : phase.prompt;
  }

  function renderTimer() {
    const w = store.workshop;
    const left = store.timerLeft();
    show(dom.timerBox, left !== null);
    const up = left === 0;
    const paused = left !== null && !w.timer.running && !up;
    if (left !== null) setText(dom.timer, formatSeconds(left));
    dom.timerBox.classList.toggle("paused", paused);
    dom.timerBox.classList.toggle("ended", up);
    setText(dom.timerNote, paused ? t.paused : "");
    setText(dom.phaseClosed, up ? (w.timer.lock ? t.time_up_locked : t.time_up) : "");
  }

  function renderVotesLeft() {
    const kind = votingOn(store);
    const mine = store.myVotes;
    show(dom.votesLeft, !!(kind && mine));
    if (!kind || !mine) return;
    const n = mine.left[kind] || 0;
    setText(dom.votesLeft, n === 0 ? t.votes_none : n === 1 ? t.vote_left_one : t.votes_left.replace("{n}", n));
  }

  function renderBanner() {
    const phase = store.phase();
    setText(dom.phaseName, phase ? phaseName(phase) : "");
    show(dom.phaseName, !!phase);
    /* After the end the phase's prompt ("write your bottlenecks") no longer asks anything. */
    const asking = !!(phase && phase.prompt) && store.workshop.state === "running";
    setText(dom.prompt, asking ? phasePrompt(phase) : "");
    show(dom.prompt, asking);
    renderTimer();
    renderVotesLeft();
    show(dom.banner, !!phase || !dom.timerBox.hidden || !dom.votesLeft.hidden);
  }

  function renderTabs(sectorId) {
    const list = sectors();
    const own = ctx.viewer.group_sector; /* it changes when the participant moves */
    const key = list.map(function (s) { return s.id + ":" + s.name; }).join("|") + "/" + own;
    if (key !== tabsKey) {
      tabsKey = key;
      // The participant's own sector first, marked: it is where they post and score.
      const ordered = list.filter(function (s) { return s.id === own; }).concat(list.filter(function (s) { return s.id !== own; }));
      syncChildren(dom.tabs, ordered.map(function (sector) {
        const mine = sector.id === own;
        return el("button", {
          type: "button",
          className: "tab" + (mine ? " own" : ""),
          "data-sector": sector.id,
          onclick: function () { ctx.switchSector(sector.id); }
        }, [sector.name, mine ? el("span", { className: "tab-own", text: t.you }) : null]);
      }));
    }
    Array.prototype.forEach.call(dom.tabs.children, function (tab) {
      setAttr(tab, "aria-pressed", Number(tab.getAttribute("data-sector")) === sectorId ? "true" : "false");
    });
    setText(dom.heading, sectorName(sectorId));
    const pressed = dom.tabs.querySelector('[aria-pressed="true"]');
    if (pressed && pressed.offsetParent !== null) {
      const left = pressed.offsetLeft - dom.tabs.offsetLeft;
      if (left < dom.tabs.scrollLeft || left + pressed.offsetWidth > dom.tabs.scrollLeft + dom.tabs.clientWidth) dom.tabs.scrollLeft = left;
    }
  }

  /* The next phase, after the current one, that collects `kind` (the flag the
   * server named in the page config's `collects`), or null. */
  function phaseThatOpens(kind) {
    const w = store.workshop;
    const flag = (ctx.config.collects || {})[kind];
    const now = store.phase();
    if (!flag || !now) return null;
    return w.phases.find(function (p) { return p.position > now.position && p[flag]; }) || null;
  }

  /* Why neither bottlenecks nor solutions may be posted in this phase, and when they may. */
  function closedByPhase() {
    const bottlenecks = phaseThatOpens("bottleneck");
    if (bottlenecks) return fmt(t.opens_in_phase, { phase: phaseName(bottlenecks) });
    const solutions = phaseThatOpens("solution");
    if (solutions) return fmt(t.opens_in_phase_solution, { phase: phaseName(solutions) });
    return t.closed_phase_both;
  }

  /* What is closed on this board and why, in the server's words (or the clock's). */
  function renderNotes(sectorId) {
    const over = store.workshop.state === "ended" || store.workshop.state === "archived";
    const postWhy = postingClosed(store, sectorId, "bottleneck");
    const solutionWhy = postingClosed(store, sectorId, "solution");
    let postReason = closedText(postWhy, "bottleneck", t);
    if (store.workshop.state === "archived") postReason = t.closed_archived;
    const shownAbove = dom.phaseClosed.textContent;
    setText(dom.postClosed, postReason === shownAbove ? "" : postReason);
    dom.fields.disabled = postReason !== null;
    show(dom.form, !over && (postReason === null || dom.textArea.value.trim() !== ""));
    const solutionReason = closedText(solutionWhy, "solution", t);
    const repeated = over || solutionReason === postReason || solutionReason === shownAbove;
    setText(dom.solutionsClosed, repeated ? "" : solutionReason);
    if (postWhy === "phase" && solutionWhy === "phase") {
      /* One short note, not two: neither kind of card is collected now, until a later phase. */
      setText(dom.postClosed, closedByPhase());
      setText(dom.solutionsClosed, "");
    }
    /* After the end the thanks say it all: no note that posting is closed "for now". */
    show(dom.ended, store.workshop.state === "ended");
    if (store.workshop.state === "ended") setText(dom.postClosed, "");
    setText(dom.empty, postReason === null ? t.empty_open : t.empty_closed);
    setText(dom.concealed, store.workshop.settings.concealed ? t.concealed : "");
    const board = scoringBoard(store, ctx.viewer);
    const elsewhere = board !== null && board !== sectorId;
    setText(dom.scoringNote, elsewhere ? t.scoring_elsewhere.replace("{sector}", sectorName(board)) : "");
    const causesOn = causeBoard(store, ctx.viewer);
    setText(dom.causesNote, causesOn !== null && causesOn !== sectorId ? fmt(t.causes_elsewhere, { sector: sectorName(causesOn) }) : "");
  }

  function render(sectorId) {
    renderTabs(sectorId);
    if (!store.workshop) return;
    renderBanner();
    renderNotes(sectorId);
  }

  /* A dot in the header (green when connected, its words for screen readers);
   * a lost connection or a refusal says so in words under the header. */
  function setStatus(status, detail) {
    dom.status.className = "connection " + status;
    if (status === "online") dom.status.textContent = t.online;
    else if (status === "refused") dom.status.textContent = (detail && detail.message) || t.refused;
    else if (status === "error") dom.status.textContent = (detail && detail.message) || t.failed;
    else dom.status.textContent = t.offline;
    dom.status.title = dom.status.textContent;
  }

  function say(message) {
    dom.announcer.textContent = message;
  }

  /* New cards by others, and a new phase, are read out by screen readers. */
  function announce(change, sectorId, meId) {
    if (change.type === "snapshot" || change.type === "workshop.updated") {
      const phase = store.phase();
      const id = phase ? phase.id : null;
      if (phaseId !== undefined && id !== phaseId && phase) say(phaseName(phase) + ". " + (phasePrompt(phase) || ""));
      phaseId = id;
      return;
    }
    if (change.type !== "card.created") return;
    const card = change.data;
    const mine = card.author && card.author.id === meId;
    if (card.sector_id === sectorId && !mine) say(t.new_card + ": " + card.text);
  }

  return { render: render, renderTimer: renderTimer, setStatus: setStatus, say: say, announce: announce, sectors: sectors };
}
