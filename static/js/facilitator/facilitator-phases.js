/* Steering the phases: the phase bar (set, previous, next) and the phase
 * configuration (name, prompt, what it lets participants do: the flags and
 * voting choices of rules.phase_flags and rules.vote_on). */

import { el, syncChildren, prune } from "../shared/dom.js";
import { errorArea, syncValue, select, checkbox, button, field } from "./facilitator-ui.js";

export function createPhases(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const limits = ctx.rules.limits;
  const $ = function (id) { return document.getElementById(id); };
  const phaseButtons = {}; // phase id -> button in the phase bar
  const phaseRows = {}; // phase id -> {root, legend, fields...} in the configuration

  function workshop() {
    return store.workshop;
  }

  function currentIndex() {
    const w = workshop();
    return w.phases.findIndex(function (p) { return p.id === w.phase_id; });
  }

  function phaseButton(phase) {
    let b = phaseButtons[phase.id];
    if (!b) {
      b = phaseButtons[phase.id] = el("button", {
        type: "button",
        className: "phase-button",
        "data-phase": phase.id,
        onclick: function () { choosePhase(phase.id, b); }
      });
    }
    b.textContent = phase.name;
    if (phase.id === workshop().phase_id) b.setAttribute("aria-current", "step");
    else b.removeAttribute("aria-current");
    return b;
  }

  function choosePhase(phaseId, b) {
    if (phaseId === workshop().phase_id) return; // setting it again would clear its timer
    send("phase:set", { phase_id: phaseId }, { area: $("phase-error"), button: b });
  }

  function step(direction, b) {
    if (!workshop()) return; // not synced yet
    const index = currentIndex();
    const last = workshop().phases.length - 1;
    if ((direction > 0 && index >= last) || (direction < 0 && index <= 0)) return;
    send("phase:step", { direction: direction }, { area: $("phase-error"), button: b });
  }

  function renderPhaseBar() {
    const w = workshop();
    const items = w.phases.map(function (phase) {
      let li = phaseButtons[phase.id] && phaseButtons[phase.id].parentNode;
      if (!li || li.tagName !== "LI") li = el("li", { className: "phase-item" }, [phaseButton(phase)]);
      else phaseButton(phase);
      li.className = "phase-item" + (phase.id === w.phase_id ? " current" : "");
      return li;
    });
    syncChildren($("phase-bar"), items);
    const index = currentIndex();
    $("phase-prev").setAttribute("aria-disabled", String(index <= 0));
    $("phase-next").setAttribute("aria-disabled", String(index >= w.phases.length - 1));
    const phase = store.phase();
    $("phase-prompt").textContent = phase ? phase.prompt || "" : t.no_phase;
  }

  function phaseRow(phase) {
    const row = phaseRows[phase.id] || (phaseRows[phase.id] = buildPhaseRow(phase.id));
    row.legend.textContent = phase.name + (phase.id === workshop().phase_id ? " (" + t.current + ")" : "");
    syncValue(row.name, phase.name);
    syncValue(row.prompt, phase.prompt || "");
    syncValue(row.voteOn, phase.vote_on || "");
    ctx.rules.phase_flags.forEach(function (flag) { syncValue(row.flags[flag], !!phase[flag]); });
    row.up.setAttribute("aria-label", t.move_up + ": " + phase.name);
    row.down.setAttribute("aria-label", t.move_down + ": " + phase.name);
    row.remove.setAttribute("aria-label", t.remove_phase + ": " + phase.name);
    return row.root;
  }

  function buildPhaseRow(phaseId) {
    const row = { flags: {}, error: errorArea() };
    row.legend = el("legend");
    row.name = el("input", { maxlength: limits.phase_name, required: true });
    row.prompt = el("textarea", { rows: 2, maxlength: limits.prompt });
    row.voteOn = select(ctx.rules.vote_on.map(function (kind) {
      return { value: kind || "", label: t["vote_" + (kind || "none")] || kind };
    }));
    const boxes = ctx.rules.phase_flags.map(function (flag) {
      const pair = checkbox(t[flag] || flag);
      row.flags[flag] = pair.box;
      return pair.label;
    });
    const save = el("button", { type: "submit", className: "button", text: t.save_phase });
    row.up = button("↑", "icon", function () { movePhase(phaseId, -1, row); });
    row.down = button("↓", "icon", function () { movePhase(phaseId, 1, row); });
    row.remove = button(t.remove_phase, "danger", function () {
      send("phase:remove", { phase_id: phaseId }, { area: row.error, button: row.remove });
    });
    row.root = el("form", { className: "fac-phase-edit", "data-phase": phaseId, novalidate: true }, [
      el("fieldset", {}, [
        row.legend,
        field(t.phase_name, row.name),
        field(t.phase_prompt, row.prompt),
        el("div", { className: "fac-flags" }, boxes),
        field(t.vote_on, row.voteOn),
        el("div", { className: "actions" }, [save, row.up, row.down, row.remove]),
        row.error
      ])
    ]);
    row.root.addEventListener("submit", function (event) {
      event.preventDefault();
      const payload = { id: phaseId, name: row.name.value, prompt: row.prompt.value, vote_on: row.voteOn.value || null };
      Object.keys(row.flags).forEach(function (flag) { payload[flag] = row.flags[flag].checked; });
      send("phase:save", payload, { area: row.error, button: save, okText: t.saved });
    });
    return row;
  }

  function movePhase(phaseId, direction, row) {
    send("phase:move", { phase_id: phaseId, direction: direction }, { area: row.error, button: direction < 0 ? row.up : row.down });
  }

  function renderPhaseConfig() {
    const phases = workshop().phases;
    const seen = {};
    const rows = phases.map(function (phase) {
      seen[phase.id] = true;
      return phaseRow(phase);
    });
    prune(phaseRows, function (id) { return seen[id]; });
    prune(phaseButtons, function (id) { return seen[id]; });
    syncChildren($("phase-list"), rows);
  }

  function init() {
    $("phase-prev").addEventListener("click", function () { step(-1, $("phase-prev")); });
    $("phase-next").addEventListener("click", function () { step(1, $("phase-next")); });
    const form = $("phase-add");
    const input = $("phase-add-name");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("phase:save", { name: input.value }, {
        area: form.querySelector(".fac-error"),
        button: form.querySelector("button"),
        okText: t.saved,
        ok: function () { input.value = ""; }
      });
    });
  }

  function render() {
    if (!workshop()) return;
    renderPhaseBar();
    renderPhaseConfig();
  }

  return { init: init, render: render };
}
