/* One section of the open proposal at a time, sized for a 360 px phone: the
 * rubric's title, weight and guidance, the text, its word count against the
 * limit as it is typed, whether it is saved, and, when a save was refused, the
 * saved text beside the person's own with the choice of which to keep. */

import { el, fmt, setText, show, syncChildren } from "../shared/dom.js";
import { wordStatus } from "./wordcount.js";

const AUTOSAVE_MS = 1500;

export function createEditor(ctx) {
  const t = ctx.t;
  const desk = ctx.desk;
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    pick: byId("section-pick"),
    prev: byId("section-prev"),
    next: byId("section-next"),
    title: byId("section-title"),
    guide: byId("section-guide"),
    text: byId("section-text"),
    count: byId("section-count"),
    state: byId("section-state"),
    conflict: byId("conflict"),
    theirs: byId("conflict-theirs"),
    keepMine: byId("keep-mine"),
    takeTheirs: byId("take-theirs"),
    save: byId("section-save"),
    score: byId("section-score")
  };
  let current = null;
  let timer = null;
  const last = {}; // section key -> the last save's result, shown until the next edit

  function sections() {
    return desk.open ? desk.open.rubric.sections : [];
  }

  function choose(key) {
    if (current && current !== key) saveNow();
    current = key;
    render();
  }

  function step(by) {
    const list = sections();
    const index = list.findIndex(function (s) { return s.key === current; });
    const next = list[index + by];
    if (next) choose(next.key);
  }

  function saveNow() {
    clearTimeout(timer);
    timer = null;
    if (current) ctx.save(current);
  }

  function renderPick(list) {
    const same = dom.pick.options.length === list.length &&
      list.every(function (s, i) { return dom.pick.options[i].value === s.key; });
    if (!same) {
      syncChildren(dom.pick, list.map(function (s, i) {
        return el("option", { value: s.key, text: (i + 1) + ". " + s.title });
      }));
    }
    if (dom.pick.value !== current) dom.pick.value = current;
  }

  function renderText(draft) {
    if (dom.text.value === draft.text) return;
    const focused = document.activeElement === dom.text;
    const at = dom.text.selectionStart;
    dom.text.value = draft.text;
    if (focused && typeof at === "number") dom.text.setSelectionRange(at, at);
  }

  function stateText(draft) {
    if (draft.error) return draft.error;
    if (draft.state === "conflict") return t.conflict;
    if (draft.state === "saving") return t.saving;
    if (draft.state === "dirty") return draft.elsewhere ? t.elsewhere : t.unsaved;
    return last[current] === "merged" ? t.merged : t.saved;
  }

  function render() {
    const open = desk.open;
    if (!open) return;
    const list = sections();
    if (!list.some(function (s) { return s.key === current; })) current = list[0].key;
    const index = list.findIndex(function (s) { return s.key === current; });
    const section = list[index];
    const draft = desk.draft(current);
    renderPick(list);
    dom.prev.disabled = index === 0;
    dom.next.disabled = index === list.length - 1;
    setText(dom.title, (index + 1) + ". " + section.title);
    // A weight of 0% (the summary's) says nothing: only the guidance is shown.
    setText(dom.guide, section.weight ? section.guidance + " · " + fmt(t.weight, { weight: section.weight }) : section.guidance);
    renderText(draft);
    dom.text.readOnly = !open.editable;
    const words = wordStatus(draft.text, section.word_limit);
    const template = !words.limit ? t.words : words.over ? t.words_over : t.words_limit;
    setText(dom.count, fmt(template, { n: words.words, limit: words.limit, over: words.over }));
    dom.count.className = "word-count " + words.state;
    setText(dom.state, open.editable ? stateText(draft) : t.read_only);
    dom.state.className = "save-state " + draft.state;
    show(dom.conflict, draft.state === "conflict");
    if (draft.state === "conflict" && dom.theirs.value !== draft.theirs) dom.theirs.value = draft.theirs;
    show(dom.save, open.editable);
    dom.save.disabled = draft.state !== "dirty";
    dom.score.disabled = !open.editable;
    if (document.activeElement !== dom.score) {
      const score = (open.scores || {})[current];
      const value = score === null || score === undefined ? "" : String(score);
      if (dom.score.value !== value) dom.score.value = value;
    }
  }

  dom.pick.addEventListener("change", function () { choose(dom.pick.value); });
  dom.prev.addEventListener("click", function () { step(-1); });
  dom.next.addEventListener("click", function () { step(1); });
  /* The draft of `key` changed other than by typing (an earlier version put back). */
  function changed(key) {
    if (key !== current) return;
    delete last[current];
    clearTimeout(timer);
    timer = setTimeout(saveNow, AUTOSAVE_MS);
    render();
  }

  dom.text.addEventListener("input", function () {
    if (!current) return;
    desk.edit(current, dom.text.value);
    changed(current);
  });
  dom.text.addEventListener("blur", saveNow);
  dom.save.addEventListener("click", saveNow);
  dom.keepMine.addEventListener("click", function () {
    desk.keepMine(current);
    saveNow();
  });
  dom.takeTheirs.addEventListener("click", function () { desk.takeTheirs(current); });
  dom.score.addEventListener("change", function () {
    const raw = dom.score.value.trim();
    const score = raw === "" ? null : Math.round(Number(raw));
    const range = ctx.config.proposals.score_range;
    if (score !== null && !(score >= range[0] && score <= range[1])) return;
    ctx.assess({ section: current, score: score });
  });
  desk.onChange(function (change) {
    if (change.type === "save" && change.key) last[change.key] = change.result;
  });

  return {
    render: render,
    current: function () { return current; },
    changed: changed,
    saveNow: saveNow
  };
}
