/* Steering the clock and the room: the phase timer (timer:*) and the
 * workshop settings (settings:update: the boolean rules.settings, the dot
 * budget and cap). */

import { formatSeconds } from "../shared/store.js";
import { showError, syncValue, int } from "./facilitator-ui.js";

export function createTimer(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const $ = function (id) { return document.getElementById(id); };

  function timer() {
    return store.workshop && store.workshop.timer;
  }

  function timerState() {
    const left = store.timerLeft();
    if (!timer() || left === null) return "none";
    if (left === 0 && timer().running) return "done";
    return timer().running ? "running" : "paused";
  }

  /* One short note: once a locking timer has run out, "time is up, posting is
   * locked" (not "time is up" and then "posting locks when time runs out"). */
  function timerNote(state) {
    const locks = state !== "none" && timer().lock;
    if (state === "done") return locks ? t.timer_done_locked : t.timer_done;
    return t["timer_" + state] + (locks ? " " + t.timer_locks : "");
  }

  /* Every second: the countdown and what it means. */
  function tick() {
    if (!store.workshop) return;
    const left = store.timerLeft();
    const display = $("timer-display");
    const text = left === null ? "–:––" : formatSeconds(left);
    if (display.textContent !== text) display.textContent = text;
    const state = timerState();
    display.className = "fac-timer-display " + state + (left !== null && left < 60 ? " low" : "");
    const note = timerNote(state);
    if ($("timer-state").textContent !== note) $("timer-state").textContent = note;
  }

  function renderTimer() {
    const state = timerState();
    const pause = $("timer-pause");
    pause.textContent = state === "paused" ? t.resume : t.pause;
    pause.setAttribute("aria-disabled", String(state === "none" || state === "done"));
    $("timer-add").setAttribute("aria-disabled", String(state === "none"));
    $("timer-stop").setAttribute("aria-disabled", String(state === "none"));
    if (state !== "none") syncValue($("timer-lock"), !!timer().lock);
    tick();
  }

  function timerEvent(event, payload, b) {
    if (b.getAttribute("aria-disabled") === "true") return;
    send(event, payload, { area: $("timer-error"), button: b });
  }

  function bindTimer() {
    $("timer-form").addEventListener("submit", function (event) {
      event.preventDefault();
      const minutes = parseFloat($("timer-minutes").value);
      if (!(minutes > 0)) {
        showError($("timer-error"), $("timer-minutes").validationMessage || t.no_answer);
        return;
      }
      const payload = { seconds: Math.round(minutes * 60), lock: $("timer-lock").checked };
      send("timer:start", payload, { area: $("timer-error"), button: $("timer-start") });
    });
    $("timer-pause").addEventListener("click", function () {
      timerEvent(timerState() === "paused" ? "timer:resume" : "timer:pause", {}, $("timer-pause"));
    });
    $("timer-add").addEventListener("click", function () {
      timerEvent("timer:add", { seconds: 60 }, $("timer-add"));
    });
    $("timer-stop").addEventListener("click", function () {
      timerEvent("timer:stop", {}, $("timer-stop"));
    });
  }

  function renderSettings() {
    if (!store.workshop) return;
    const settings = store.workshop.settings;
    document.querySelectorAll("[data-setting]").forEach(function (box) {
      box.checked = !!settings[box.getAttribute("data-setting")];
    });
    syncValue($("vote-budget"), settings.vote_budget);
    syncValue($("vote-cap"), settings.vote_cap);
  }

  function bindSettings() {
    document.querySelectorAll("[data-setting]").forEach(function (box) {
      box.addEventListener("change", function () {
        const payload = {};
        payload[box.getAttribute("data-setting")] = box.checked;
        send("settings:update", payload, { area: $("settings-error"), fail: renderSettings });
      });
    });
    $("votes-form").addEventListener("submit", function (event) {
      event.preventDefault();
      const payload = { vote_budget: int($("vote-budget").value), vote_cap: int($("vote-cap").value) };
      send("settings:update", payload, { area: $("settings-error"), button: event.target.querySelector("button"), okText: t.saved });
    });
  }

  return {
    init: function () {
      bindTimer();
      bindSettings();
    },
    render: function () {
      if (!store.workshop) return;
      renderTimer();
      renderSettings();
    },
    tick: tick,
    state: timerState
  };
}
