/* Small helpers shared by the facilitator's scripts (Urai.Fac): sending a
 * steering event and showing its error, keyed re-rendering that keeps focus
 * and what was typed, and form controls built with their labels. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var Fac = (Urai.Fac = {});

  Fac.t = Urai.readJSON("facilitator-strings");
  Fac.config = Urai.readJSON("facilitator-config");
  Fac.store = null; // set by facilitator.js
  Fac.stream = null;

  var TIMEOUT_MS = 10000;
  var nextId = 0;

  /* "{n} cards" with {n: 3} -> "3 cards". */
  Fac.fmt = function (text, vars) {
    return String(text).replace(/\{(\w+)\}/g, function (match, key) {
      return vars && key in vars ? String(vars[key]) : match;
    });
  };

  Fac.uid = function (prefix) {
    nextId += 1;
    return "fac-" + prefix + "-" + nextId;
  };

  Fac.short = function (text, length) {
    var clean = String(text || "").replace(/\s+/g, " ").trim();
    var max = length || 60;
    return clean.length > max ? clean.slice(0, max - 1) + "…" : clean;
  };

  /* An error area (read out when it changes) and a quiet "saved" note. */
  Fac.errorArea = function () {
    return el("p", { className: "fac-error", role: "alert" });
  };

  Fac.showError = function (area, message) {
    if (!area) return;
    area.className = "fac-error";
    area.textContent = message || "";
  };

  Fac.showOk = function (area, message) {
    if (!area) return;
    area.className = "fac-error fac-ok";
    area.textContent = message;
    clearTimeout(area.uraiTimer);
    area.uraiTimer = setTimeout(function () {
      if (area.textContent === message) area.textContent = "";
    }, 4000);
  };

  /* Send one event; on {ok: false} or no answer, show the message in `opts.area`.
   * opts: area, button (ignored while busy, so a double click sends once),
   * ok(reply), okText. Nothing typed is cleared here: callers decide. */
  Fac.send = function (event, payload, opts) {
    opts = opts || {};
    var button = opts.button;
    if (button && button.getAttribute("aria-busy") === "true") return;
    if (button) button.setAttribute("aria-busy", "true");
    if (opts.area) Fac.showError(opts.area, "");
    Fac.stream.emit(event, payload, TIMEOUT_MS, function (err, reply) {
      if (button) button.removeAttribute("aria-busy");
      if (err || !reply) {
        Fac.showError(opts.area, Fac.t.no_answer);
        if (opts.fail) opts.fail(null);
        return;
      }
      if (!reply.ok) {
        Fac.showError(opts.area, (reply.error && reply.error.message) || Fac.t.no_answer);
        if (opts.fail) opts.fail(reply.error || null);
        return;
      }
      if (opts.okText) Fac.showOk(opts.area, opts.okText);
      if (opts.ok) opts.ok(reply);
    });
  };

  /* Run a DOM update and give focus back to the element that had it, if the
   * update moved it (moving a node blurs whatever was focused inside it). */
  Fac.keepFocus = function (update) {
    var active = document.activeElement;
    update();
    if (active && active !== document.body && document.activeElement !== active && document.contains(active)) {
      active.focus({ preventScroll: true });
    }
  };

  /* Make `parent`'s children exactly `nodes`, in order, moving as few as possible. */
  Fac.syncChildren = function (parent, nodes) {
    nodes.forEach(function (node, index) {
      var current = parent.childNodes[index];
      if (current !== node) parent.insertBefore(node, current || null);
    });
    while (parent.childNodes.length > nodes.length) parent.removeChild(parent.lastChild);
  };

  /* Put a value from the server into a control unless the user changed it
   * since the last value we put there: what was typed is never overwritten. */
  Fac.syncValue = function (control, value) {
    var isBox = control.type === "checkbox";
    var shown = isBox ? String(control.checked) : control.value;
    var text = value === null || value === undefined ? (isBox ? "false" : "") : String(value);
    if (control.uraiSynced === undefined || shown === control.uraiSynced) {
      if (isBox) control.checked = text === "true";
      else control.value = text;
    }
    control.uraiSynced = text;
  };

  /* Replace a select's options ([{value, label}]) when they changed; keep the choice. */
  Fac.fillSelect = function (select, options) {
    var signature = JSON.stringify(options);
    if (select.uraiOptions === signature) return;
    select.uraiOptions = signature;
    var chosen = select.value;
    select.textContent = "";
    options.forEach(function (option) {
      select.appendChild(el("option", { value: option.value, text: option.label }));
    });
    var still = options.some(function (o) { return String(o.value) === chosen; });
    select.value = still ? chosen : options.length ? String(options[0].value) : "";
  };

  Fac.button = function (text, className, onClick, attrs) {
    var props = Object.assign({ type: "button", className: "button " + (className || ""), text: text, onclick: onClick }, attrs || {});
    return el("button", props);
  };

  /* A labelled field: {label, control} wrapped in div.field. */
  Fac.field = function (label, control, className) {
    if (!control.id) control.id = Fac.uid("f");
    return el("div", { className: "field " + (className || "") }, [el("label", { for: control.id, text: label }), control]);
  };

  Fac.checkbox = function (label, attrs) {
    var box = el("input", Object.assign({ type: "checkbox" }, attrs || {}));
    return { box: box, label: el("label", { className: "choice" }, [box, el("span", { text: label })]) };
  };

  Fac.select = function (options, attrs) {
    var select = el("select", attrs || {});
    if (options) Fac.fillSelect(select, options);
    return select;
  };

  Fac.int = function (value) {
    return value === "" || value === null || value === undefined ? null : parseInt(value, 10);
  };

  Fac.sectorName = function (sectorId) {
    var sector = Fac.store.sector(sectorId);
    return sector ? sector.name : "";
  };

  Fac.participantOptions = function (firstLabel) {
    var people = Fac.store.participants;
    var list = Object.keys(people)
      .map(function (id) { return people[id]; })
      .sort(function (a, b) { return a.name.localeCompare(b.name) || a.id - b.id; });
    return [{ value: "", label: firstLabel }].concat(
      list.map(function (p) {
        var where = Fac.sectorName(p.sector_id);
        return { value: String(p.id), label: p.name + " · " + p.agency + (where ? " (" + where + ")" : "") };
      })
    );
  };

  /* Coalesce a burst of changes (a merge sends several) into one redraw. */
  var scheduled = {};
  Fac.schedule = function (name, fn) {
    if (scheduled[name]) return;
    scheduled[name] = setTimeout(function () {
      scheduled[name] = null;
      Fac.keepFocus(fn);
    }, 16);
  };
})();
