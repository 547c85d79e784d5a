/* The bar that stays at the top of the facilitator's page while the boards
 * scroll: the phase, the timer, the connection (#connection, set by the page),
 * the room's progress (voting: who has voted of those present; scoring: how
 * many bottlenecks are scored), how many cards wait for approval, what is
 * on the projector with its "off" (the spotlight, a fishbone in focus), the
 * join code with its QR, and the next phase in one click. */

import { fmt, setText } from "../shared/dom.js";
import { formatSeconds } from "../shared/store.js";
import { phaseProgress, approvalQueue, nextPhase } from "./facilitator-model.js";

export function createBar(ctx, progress, timer) {
  const t = ctx.t;
  const store = ctx.store;
  const $ = function (id) { return document.getElementById(id); };

  function tick() {
    if (!store.workshop) return;
    const left = store.timerLeft();
    const state = timer.state();
    setText($("bar-timer"), left === null ? "–:––" : formatSeconds(left));
    $("bar-timer").className = "fac-bar-clock " + state + (left !== null && left < 60 ? " low" : "");
    setText($("bar-timer-state"), state === "none" ? "" : t["bar_timer_" + state] || "");
  }

  function renderProgress() {
    const p = phaseProgress(store, progress);
    const node = $("bar-progress");
    const parts = [];
    let done = true;
    if (p.vote) {
      parts.push(fmt(t.voted_progress, { n: p.vote.voted, m: p.vote.present }));
      done = done && p.vote.present > 0 && p.vote.voted >= p.vote.present;
    }
    if (p.score) {
      parts.push(fmt(t.scored_progress, { n: p.score.scored, m: p.score.left }));
      done = done && p.score.total > 0 && p.score.left === 0;
    }
    node.hidden = parts.length === 0;
    setText(node, parts.join(" · "));
    node.classList.toggle("done", parts.length > 0 && done);
  }

  function renderQueue() {
    const waiting = approvalQueue(store).length;
    const link = $("bar-queue");
    link.hidden = waiting === 0;
    setText(link, fmt(t.waiting, { n: waiting }));
  }


  function render() {
    if (!store.workshop) return;
    const phase = store.phase();
    setText($("bar-phase"), phase ? phase.name : t.no_phase_short);
    const next = nextPhase(store);
    const b = $("bar-next");
    setText(b, next ? fmt(t.next_named, { name: next.name }) : t.last_phase);
    b.setAttribute("aria-disabled", String(!next));
    renderProgress();
    renderQueue();
    tick();
  }

  function toggleQR(open) {
    const panel = $("bar-qr-panel");
    const opened = open === undefined ? panel.hidden : open;
    // The projector shows (or folds) the join QR with the laptop (`join:show`).
    if (panel.hidden === opened) ctx.send("join:show", { shown: opened }, { area: $("bar-error") });
    panel.hidden = !opened;
    $("bar-qr").setAttribute("aria-expanded", String(opened));
    setText($("bar-qr"), opened ? t.hide_qr : t.show_qr);
    if (opened) $("bar-qr-close").focus();
  }

  function init() {
    $("bar-next").addEventListener("click", function () {
      const b = $("bar-next");
      if (b.getAttribute("aria-disabled") === "true") return;
      ctx.send("phase:step", { direction: 1 }, { area: $("bar-error"), button: b });
    });
    $("bar-qr").addEventListener("click", function () { toggleQR(); });
    $("bar-qr-close").addEventListener("click", function () {
      toggleQR(false);
      $("bar-qr").focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !$("bar-qr-panel").hidden) {
        toggleQR(false);
        $("bar-qr").focus();
      }
    });
    progress.onChange(renderProgress);
  }

  return { init: init, render: render, renderProgress: renderProgress, renderQueue: renderQueue, tick: tick };
}
