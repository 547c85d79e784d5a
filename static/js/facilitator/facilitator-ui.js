/* Helpers of the facilitator's page: sending a steering event and showing its
 * error, form controls built with their labels, values from the server put in
 * without overwriting what was typed, and redraws coalesced per part. */

import { el, keepFocus } from "../shared/dom.js";

const TIMEOUT_MS = 10000;
let nextId = 0;

export function uid(prefix) {
  nextId += 1;
  return "fac-" + prefix + "-" + nextId;
}

/* An error area (read out when it changes) and a quiet "saved" note. */
export function errorArea() {
  return el("p", { className: "fac-error", role: "alert" });
}

export function showError(area, message) {
  if (!area) return;
  area.className = "fac-error";
  area.textContent = message || "";
}

export function showOk(area, message) {
  if (!area) return;
  area.className = "fac-error fac-ok";
  area.textContent = message;
  clearTimeout(area.uraiTimer);
  area.uraiTimer = setTimeout(function () {
    if (area.textContent === message) area.textContent = "";
  }, 4000);
}

/* send(event, payload, opts) over `stream`; on {ok: false} or no answer, the
 * message goes to opts.area. opts: area, button (ignored while busy, so a
 * double click sends once), ok(reply), fail(error), okText. Nothing typed is
 * cleared here: callers decide. */
export function makeSend(stream, t) {
  return function send(event, payload, opts) {
    opts = opts || {};
    const button = opts.button;
    if (button && button.getAttribute("aria-busy") === "true") return;
    if (button) button.setAttribute("aria-busy", "true");
    if (opts.area) showError(opts.area, "");
    stream.emit(event, payload, TIMEOUT_MS, function (err, reply) {
      if (button) button.removeAttribute("aria-busy");
      if (err || !reply || !reply.ok) {
        const error = (reply && reply.error) || null;
        showError(opts.area, (error && error.message) || t.no_answer);
        if (opts.fail) opts.fail(error);
        return;
      }
      if (opts.okText) showOk(opts.area, opts.okText);
      if (opts.ok) opts.ok(reply);
    });
  };
}

/* Put a value from the server into a control unless the user changed it
 * since the last value we put there: what was typed is never overwritten. */
export function syncValue(control, value) {
  const isBox = control.type === "checkbox";
  const shown = isBox ? String(control.checked) : control.value;
  const text = value === null || value === undefined ? (isBox ? "false" : "") : String(value);
  if (control.uraiSynced === undefined || shown === control.uraiSynced) {
    if (isBox) control.checked = text === "true";
    else control.value = text;
  }
  control.uraiSynced = text;
}

/* Replace a select's options ([{value, label}]) when they changed; keep the choice. */
export function fillSelect(select, options) {
  const signature = JSON.stringify(options);
  if (select.uraiOptions === signature) return;
  select.uraiOptions = signature;
  const chosen = select.value;
  select.textContent = "";
  options.forEach(function (option) {
    select.appendChild(el("option", { value: option.value, text: option.label }));
  });
  const still = options.some(function (o) { return String(o.value) === chosen; });
  select.value = still ? chosen : options.length ? String(options[0].value) : "";
}

export function button(text, className, onClick, attrs) {
  return el("button", Object.assign({ type: "button", className: "button " + (className || ""), text: text, onclick: onClick }, attrs || {}));
}

/* A labelled field: label and control wrapped in div.field. */
export function field(label, control, className) {
  if (!control.id) control.id = uid("f");
  return el("div", { className: "field " + (className || "") }, [el("label", { for: control.id, text: label }), control]);
}

export function checkbox(label, attrs) {
  const box = el("input", Object.assign({ type: "checkbox" }, attrs || {}));
  return { box: box, label: el("label", { className: "choice" }, [box, el("span", { text: label })]) };
}

export function select(options, attrs) {
  const node = el("select", attrs || {});
  if (options) fillSelect(node, options);
  return node;
}

export function int(value) {
  return value === "" || value === null || value === undefined ? null : parseInt(value, 10);
}

export function sectorName(store, sectorId) {
  const sector = store.sector(sectorId);
  return sector ? sector.name : "";
}

/* The attendance list as select options, after a first choice. */
export function participantOptions(store, firstLabel) {
  const people = store.participants;
  const list = Object.keys(people)
    .map(function (id) { return people[id]; })
    .sort(function (a, b) { return a.name.localeCompare(b.name) || a.id - b.id; });
  return [{ value: "", label: firstLabel }].concat(list.map(function (p) {
    const where = sectorName(store, p.sector_id);
    return { value: String(p.id), label: p.name + " · " + p.agency + (where ? " (" + where + ")" : "") };
  }));
}

/* Coalesce a burst of changes (a merge sends several) into one redraw per part. */
const scheduled = {};
export function schedule(name, fn) {
  if (scheduled[name]) return;
  scheduled[name] = setTimeout(function () {
    scheduled[name] = null;
    keepFocus(fn);
  }, 16);
}
