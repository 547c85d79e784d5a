/* Steering: the phase bar, the phase configuration, the timer and the
 * workshop settings (phase:*, timer:*, settings:update). */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var Fac = Urai.Fac;
  var t = Fac.t;

  var $ = function (id) { return document.getElementById(id); };
  var phaseButtons = {}; // phase id -> button in the phase bar
  var phaseRows = {}; // phase id -> {root, legend, fields...} in the configuration

  function workshop() {
    return Fac.store.workshop;
  }

  function currentIndex() {
    var w = workshop();
    for (var i = 0; i < w.phases.length; i++) if (w.phases[i].id === w.phase_id) return i;
    return -1;
  }

  /* -- the phase bar ---------------------------------------------------------- */

  function phaseButton(phase) {
    var button = phaseButtons[phase.id];
    if (!button) {
      button = el("button", {
        type: "button",
        className: "phase-button",
        "data-phase": phase.id,
        onclick: function () { choosePhase(phase.id, button); }
      });
      phaseButtons[phase.id] = button;
    }
    button.textContent = phase.name;
    var current = phase.id === workshop().phase_id;
    if (current) button.setAttribute("aria-current", "step");
    else button.removeAttribute("aria-current");
    return button;
  }

  function choosePhase(phaseId, button) {
    if (phaseId === workshop().phase_id) return; // setting it again would clear its timer
    Fac.send("phase:set", { phase_id: phaseId }, { area: $("phase-error"), button: button });
  }

  function step(direction, button) {
    if (!workshop()) return; // not synced yet
    var index = currentIndex();
    var last = workshop().phases.length - 1;
    if ((direction > 0 && index >= last) || (direction < 0 && index <= 0)) return;
    Fac.send("phase:step", { direction: direction }, { area: $("phase-error"), button: button });
  }

  function renderPhaseBar() {
    var w = workshop();
    var bar = $("phase-bar");
    var items = w.phases.map(function (phase) {
      var li = phaseButtons[phase.id] && phaseButtons[phase.id].parentNode;
      if (!li || li.tagName !== "LI") li = el("li", { className: "phase-item" }, [phaseButton(phase)]);
      else phaseButton(phase);
      li.className = "phase-item" + (phase.id === w.phase_id ? " current" : "");
      return li;
    });
    Fac.syncChildren(bar, items);
    var index = currentIndex();
    $("phase-prev").setAttribute("aria-disabled", String(index <= 0));
    $("phase-next").setAttribute("aria-disabled", String(index >= w.phases.length - 1));
    var phase = Fac.store.phase();
    $("phase-prompt").textContent = phase ? phase.prompt || "" : t.no_phase;
  }

  /* -- the phase configuration ---------------------------------------------- */

  function phaseRow(phase) {
    var row = phaseRows[phase.id];
    if (!row) row = phaseRows[phase.id] = buildPhaseRow(phase.id);
    row.legend.textContent = phase.name + (phase.id === workshop().phase_id ? " (" + t.current + ")" : "");
    Fac.syncValue(row.name, phase.name);
    Fac.syncValue(row.prompt, phase.prompt || "");
    Fac.syncValue(row.voteOn, phase.vote_on || "");
    ["allow_bottlenecks", "allow_solutions", "allow_scoring"].forEach(function (flag) {
      Fac.syncValue(row.flags[flag], !!phase[flag]);
    });
    row.up.setAttribute("aria-label", t.move_up + ": " + phase.name);
    row.down.setAttribute("aria-label", t.move_down + ": " + phase.name);
    row.remove.setAttribute("aria-label", t.remove_phase + ": " + phase.name);
    return row.root;
  }

  function buildPhaseRow(phaseId) {
    var row = { flags: {}, error: Fac.errorArea() };
    row.legend = el("legend");
    row.name = el("input", { maxlength: 80, required: true });
    row.prompt = el("textarea", { rows: 2, maxlength: 300 });
    row.voteOn = Fac.select([
      { value: "", label: t.vote_none },
      { value: "bottleneck", label: t.vote_bottleneck },
      { value: "solution", label: t.vote_solution }
    ]);
    var boxes = ["allow_bottlenecks", "allow_solutions", "allow_scoring"].map(function (flag) {
      var pair = Fac.checkbox(t[flag]);
      row.flags[flag] = pair.box;
      return pair.label;
    });
    var save = el("button", { type: "submit", className: "button", text: t.save_phase });
    row.up = Fac.button("↑", "icon", function () { movePhase(phaseId, -1, row); });
    row.down = Fac.button("↓", "icon", function () { movePhase(phaseId, 1, row); });
    row.remove = Fac.button(t.remove_phase, "danger", function () {
      Fac.send("phase:remove", { phase_id: phaseId }, { area: row.error, button: row.remove });
    });
    row.root = el("form", { className: "fac-phase-edit", "data-phase": phaseId, novalidate: true }, [
      el("fieldset", {}, [
        row.legend,
        Fac.field(t.phase_name, row.name),
        Fac.field(t.phase_prompt, row.prompt),
        el("div", { className: "fac-flags" }, boxes),
        Fac.field(t.vote_on, row.voteOn),
        el("div", { className: "actions" }, [save, row.up, row.down, row.remove]),
        row.error
      ])
    ]);
    row.root.addEventListener("submit", function (event) {
      event.preventDefault();
      savePhase(phaseId, row, save);
    });
    return row;
  }

  function savePhase(phaseId, row, button) {
    var payload = {
      id: phaseId,
      name: row.name.value,
      prompt: row.prompt.value,
      vote_on: row.voteOn.value || null
    };
    Object.keys(row.flags).forEach(function (flag) { payload[flag] = row.flags[flag].checked; });
    Fac.send("phase:save", payload, { area: row.error, button: button, okText: t.saved });
  }

  function movePhase(phaseId, direction, row) {
    var button = direction < 0 ? row.up : row.down;
    Fac.send("phase:move", { phase_id: phaseId, direction: direction }, { area: row.error, button: button });
  }

  function renderPhaseConfig() {
    var phases = workshop().phases;
    var seen = {};
    var rows = phases.map(function (phase) {
      seen[phase.id] = true;
      return phaseRow(phase);
    });
    Object.keys(phaseRows).forEach(function (id) {
      if (!seen[id]) delete phaseRows[id];
    });
    Object.keys(phaseButtons).forEach(function (id) {
      if (!seen[id]) delete phaseButtons[id];
    });
    Fac.syncChildren($("phase-list"), rows);
  }

  function bindPhaseAdd() {
    var form = $("phase-add");
    var input = $("phase-add-name");
    var area = form.querySelector(".fac-error");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      Fac.send("phase:save", { name: input.value }, {
        area: area,
        button: form.querySelector("button"),
        okText: t.saved,
        ok: function () { input.value = ""; }
      });
    });
  }

  /* -- the timer ---------------------------------------------------------------- */

  function timerState() {
    var timer = workshop() && workshop().timer;
    var left = Fac.store.timerLeft();
    if (!timer || left === null) return "none";
    if (left === 0 && timer.running) return "done";
    return timer.running ? "running" : "paused";
  }

  Fac.tickTimer = function () {
    if (!workshop()) return;
    var left = Fac.store.timerLeft();
    var display = $("timer-display");
    var text = left === null ? "–:––" : Urai.formatSeconds(left);
    if (display.textContent !== text) display.textContent = text;
    var state = timerState();
    display.className = "fac-timer-display " + state + (left !== null && left < 60 ? " low" : "");
    var note = t["timer_" + state] + (state !== "none" && workshop().timer.lock ? " " + t.timer_locks : "");
    if ($("timer-state").textContent !== note) $("timer-state").textContent = note;
  };

  function renderTimer() {
    var state = timerState();
    var pause = $("timer-pause");
    pause.textContent = state === "paused" ? t.resume : t.pause;
    pause.setAttribute("aria-disabled", String(state === "none" || state === "done"));
    $("timer-add").setAttribute("aria-disabled", String(state === "none"));
    $("timer-stop").setAttribute("aria-disabled", String(state === "none"));
    if (state !== "none") Fac.syncValue($("timer-lock"), !!workshop().timer.lock);
    Fac.tickTimer();
  }

  function timerEvent(event, payload, button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    Fac.send(event, payload, { area: $("timer-error"), button: button });
  }

  function bindTimer() {
    $("timer-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var minutes = parseFloat($("timer-minutes").value);
      if (!(minutes > 0)) {
        Fac.showError($("timer-error"), $("timer-minutes").validationMessage || t.no_answer);
        return;
      }
      var payload = { seconds: Math.round(minutes * 60), lock: $("timer-lock").checked };
      Fac.send("timer:start", payload, { area: $("timer-error"), button: $("timer-start") });
    });
    $("timer-pause").addEventListener("click", function () {
      var paused = timerState() === "paused";
      timerEvent(paused ? "timer:resume" : "timer:pause", {}, $("timer-pause"));
    });
    $("timer-add").addEventListener("click", function () {
      timerEvent("timer:add", { seconds: 60 }, $("timer-add"));
    });
    $("timer-stop").addEventListener("click", function () {
      timerEvent("timer:stop", {}, $("timer-stop"));
    });
  }

  /* -- settings -------------------------------------------------------------- */

  function renderSettings() {
    if (!workshop()) return;
    var settings = workshop().settings;
    document.querySelectorAll("[data-setting]").forEach(function (box) {
      box.checked = !!settings[box.getAttribute("data-setting")];
    });
    Fac.syncValue($("vote-budget"), settings.vote_budget);
    Fac.syncValue($("vote-cap"), settings.vote_cap);
  }

  function bindSettings() {
    document.querySelectorAll("[data-setting]").forEach(function (box) {
      box.addEventListener("change", function () {
        var payload = {};
        payload[box.getAttribute("data-setting")] = box.checked;
        Fac.send("settings:update", payload, {
          area: $("settings-error"),
          fail: function () { renderSettings(); }
        });
      });
    });
    $("votes-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var payload = { vote_budget: Fac.int($("vote-budget").value), vote_cap: Fac.int($("vote-cap").value) };
      Fac.send("settings:update", payload, {
        area: $("settings-error"),
        button: event.target.querySelector("button"),
        okText: t.saved
      });
    });
  }

  Fac.Steer = {
    init: function () {
      $("phase-prev").addEventListener("click", function () { step(-1, $("phase-prev")); });
      $("phase-next").addEventListener("click", function () { step(1, $("phase-next")); });
      bindPhaseAdd();
      bindTimer();
      bindSettings();
    },
    render: function () {
      if (!workshop()) return;
      renderPhaseBar();
      renderPhaseConfig();
      renderTimer();
      renderSettings();
    }
  };
})();
