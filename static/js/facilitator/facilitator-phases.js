/* Steering the phases: the phase bar (set, previous, next), grouped by day
 * when the workshop spans several, and the phase configuration (name,
 * prompt, day, what it lets participants do: the flags and voting choices of
 * rules.phase_flags and rules.vote_on); a new step is plain or an activity
 * of the agenda (the kind picker, config.phase_picker). */

import { el, fmt, syncChildren, prune } from "../shared/dom.js";
import { errorArea, syncValue, select, fillSelect, checkbox, button, field } from "./facilitator-ui.js";

export function createPhases(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const send = ctx.send;
  const limits = ctx.rules.limits;
  const $ = function (id) { return document.getElementById(id); };
  const phaseButtons = {}; // phase id -> button in the phase bar
  const phaseRows = {}; // phase id -> {root, legend, fields...} in the configuration
  const dayLabels = {}; // day -> its heading in the phase bar
  const kindLabels = {}; // kind -> its name in the picker
  (ctx.config.phase_picker || []).forEach(function (o) { kindLabels[o.kind] = o.label; });

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

  /* The heading of a day in the phase bar ("Hari 2"), shown when there are several days. */
  function dayLabel(day) {
    const li = dayLabels[day] || (dayLabels[day] = el("li", { className: "phase-day", "data-day": day }));
    li.textContent = fmt(t.day_n, { n: day });
    return li;
  }

  function renderPhaseBar() {
    const w = workshop();
    const items = [];
    let day = null;
    w.phases.forEach(function (phase) {
      if ((w.days || 1) > 1 && phase.day !== day) items.push(dayLabel(phase.day));
      day = phase.day;
      let li = phaseButtons[phase.id] && phaseButtons[phase.id].parentNode;
      if (!li || li.tagName !== "LI") li = el("li", { className: "phase-item" }, [phaseButton(phase)]);
      else phaseButton(phase);
      li.className = "phase-item" + (phase.id === w.phase_id ? " current" : "");
      items.push(li);
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
    const label = phase.kind !== "custom" && kindLabels[phase.kind];
    const kind = label && label !== phase.name ? label + ": " : "";
    row.legend.textContent = kind + phase.name + (phase.id === workshop().phase_id ? " (" + t.current + ")" : "");
    fillSelect(row.day, dayOptions());
    syncValue(row.day, phase.day || 1);
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
    row.day = select(dayOptions());
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
        field(t.day, row.day),
        el("div", { className: "fac-flags" }, boxes),
        field(t.vote_on, row.voteOn),
        el("div", { className: "actions" }, [save, row.up, row.down, row.remove]),
        row.error
      ])
    ]);
    row.root.addEventListener("submit", function (event) {
      event.preventDefault();
      const payload = { id: phaseId, name: row.name.value, prompt: row.prompt.value, vote_on: row.voteOn.value || null, day: parseInt(row.day.value, 10) || 1 };
      Object.keys(row.flags).forEach(function (flag) { payload[flag] = row.flags[flag].checked; });
      send("phase:save", payload, { area: row.error, button: save, okText: t.saved });
    });
    return row;
  }

  function dayOptions() {
    const out = [];
    for (let day = 1; day <= ((workshop() && workshop().days) || 1); day++) out.push({ value: String(day), label: fmt(t.day_n, { n: day }) });
    return out;
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
    const kind = $("phase-add-kind");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("phase:save", { name: input.value, kind: kind ? kind.value : "custom" }, {
        area: form.querySelector(".fac-error"),
        button: form.querySelector("button"),
        okText: t.saved,
        ok: function () { input.value = ""; }
      });
    });
    const days = $("days-form");
    days.addEventListener("submit", function (event) {
      event.preventDefault();
      send("days:set", { days: parseInt($("days-input").value, 10) }, {
        area: days.querySelector(".fac-error"),
        button: days.querySelector("button"),
        okText: t.saved
      });
    });
  }

  function render() {
    if (!workshop()) return;
    renderPhaseBar();
    renderPhaseConfig();
    syncValue($("days-input"), workshop().days || 1);
  }

  return { init: init, render: render };
}
