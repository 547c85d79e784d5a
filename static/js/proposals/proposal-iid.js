/* The open proposal's Indeks Inovasi Daerah profile: a form of the fields the
 * server names (page config `proposals.iid_fields`, their IID names, kinds and
 * choices), filled with the profile as saved or pre-filled by the server, a
 * live word count for the design toward its 300 words, and saves of the
 * fields this person changed (proposal:iid): the last one saved wins, and a
 * field being typed in is not overwritten by someone else's save. */

import { el, fmt, setText, show, syncChildren } from "../shared/dom.js";
import { countWords } from "./wordcount.js";

const AUTOSAVE_MS = 1500;

export function createIid(ctx) {
  const t = ctx.t;
  const desk = ctx.desk;
  const fields = ctx.config.proposals.iid_fields;
  const byId = function (id) { return document.getElementById(id); };
  const dom = { box: byId("iid-fields"), state: byId("iid-state"), save: byId("iid-save") };
  const inputs = {}; // field key -> input, select or textarea
  const counts = {}; // field key -> its word count line
  let dirty = {}; // field key -> true while changed here and not yet saved
  let saving = null; // the values sent, until answered
  let openId = null;
  let timer = null;
  let error = "";

  function build() {
    syncChildren(dom.box, fields.map(function (f) {
      const id = "iid-" + f.key;
      let input;
      if (f.kind === "choice") {
        input = el("select", { id: id }, [el("option", { value: "", text: t.iid_choose })].concat(
          f.choices.map(function (c) { return el("option", { value: c.value, text: c.label }); })));
      } else if (f.kind === "long") {
        input = el("textarea", { id: id, rows: f.min_words ? 10 : 3, maxlength: f.max_length });
      } else {
        input = el("input", { id: id, type: f.kind === "date" ? "date" : "text", maxlength: f.max_length });
      }
      inputs[f.key] = input;
      input.addEventListener(f.kind === "choice" || f.kind === "date" ? "change" : "input", function () {
        changed(f.key);
      });
      if (f.kind !== "choice" && f.kind !== "date") input.addEventListener("blur", saveNow);
      const parts = [el("label", { for: id, text: f.name }), input];
      if (f.min_words) {
        counts[f.key] = el("p", { id: id + "-count", className: "word-count", "aria-live": "polite" });
        input.setAttribute("aria-describedby", id + "-count");
        parts.push(counts[f.key]);
      }
      return el("div", { className: "iid-field iid-" + f.kind }, parts);
    }));
  }

  function changed(key) {
    dirty[key] = true;
    error = "";
    renderCounts();
    renderState();
    clearTimeout(timer);
    timer = setTimeout(saveNow, AUTOSAVE_MS);
  }

  function saveNow() {
    clearTimeout(timer);
    timer = null;
    const open = desk.open;
    const keys = Object.keys(dirty);
    if (!open || !open.editable || saving || keys.length === 0) return;
    const profile = {};
    keys.forEach(function (k) { profile[k] = inputs[k].value; });
    saving = profile;
    renderState();
    ctx.emit("proposal:iid", { proposal_id: open.id, profile: profile }, function (reply) {
      saving = null;
      if (reply && reply.ok) {
        keys.forEach(function (k) { if (inputs[k].value === profile[k]) delete dirty[k]; });
        if (desk.open && desk.open.id === reply.proposal_id) desk.open.iid = reply.iid;
      } else {
        error = reply && reply.error ? reply.error.message : t.failed;
      }
      render();
      if (Object.keys(dirty).length && !error) timer = setTimeout(saveNow, AUTOSAVE_MS);
    });
  }

  function renderCounts() {
    fields.forEach(function (f) {
      if (!f.min_words) return;
      const n = countWords(inputs[f.key].value);
      const short = n < f.min_words;
      setText(counts[f.key], fmt(short ? t.iid_words_short : t.iid_words, { n: n, min: f.min_words }));
      counts[f.key].className = "word-count " + (short ? "near" : "ok");
    });
  }

  function renderState() {
    const text = error || (saving ? t.saving : Object.keys(dirty).length ? t.unsaved : t.saved);
    setText(dom.state, desk.open && desk.open.editable ? text : t.read_only);
    dom.save.disabled = !!saving || Object.keys(dirty).length === 0;
  }

  function render() {
    const open = desk.open;
    if (!open) return;
    if (!dom.box.firstChild) build();
    if (open.id !== openId) {
      openId = open.id;
      dirty = {};
      error = "";
    }
    const profile = open.iid || {};
    fields.forEach(function (f) {
      const input = inputs[f.key];
      input.disabled = !open.editable;
      if (dirty[f.key] || document.activeElement === input) return;
      const value = profile[f.key] || "";
      if (input.value !== value) input.value = value;
    });
    show(dom.save, open.editable);
    renderCounts();
    renderState();
  }

  dom.save.addEventListener("click", saveNow);
  return { render: render, saveNow: saveNow };
}
