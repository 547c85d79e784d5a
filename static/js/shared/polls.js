/* Polls and word clouds as a page holds them (docs/PROTOCOL.md, "Polls and word
 * clouds"): each kind's steps (a list, one state a step) from the snapshot
 * (`activities.poll`, `activities.wordcloud`) and its broadcasts, kept by the
 * reducer registered with shared/activities.js: `<kind>.updated` (a step's
 * whole state), `<kind>.counted` (counts as answers arrive), `wordcloud.held`
 * (an entry the profanity filter held, steering only), and `<kind>.mine` (a
 * phone's own answers from an acknowledgement: never broadcast), each shaped by
 * the server for this viewer (results absent until revealed). No DOM: tested
 * with node --test (tests/js/polls.test.js). */

import { registerActivity } from "./activities.js";

export const KINDS = ["poll", "wordcloud"];
const NO_ANSWER = { choice: null, entries: [] };

function stepsOf(state) {
  return Array.isArray(state) ? state : [];
}

/* `list` with the step `phaseId` replaced by `change(old)` (added when new; a
 * change that returns null leaves the list as it was). */
function put(list, phaseId, change) {
  let found = false;
  const next = list.map(function (step) {
    if (step.phase_id !== phaseId) return step;
    found = true;
    return change(step) || step;
  });
  if (!found) {
    const made = change(null);
    if (made) next.push(made);
  }
  return next;
}

export function reduce(state, message) {
  const data = message.data || {};
  const what = String(message.type || "").split(".")[1];
  const list = stepsOf(state);
  if (what === "updated") {
    return put(list, data.phase_id, function (old) {
      return Object.assign({}, data, { mine: data.mine || (old && old.mine) || NO_ANSWER });
    });
  }
  if (what === "counted") {
    return put(list, data.phase_id, function (old) { return old && counted(old, data); });
  }
  if (what === "held") {
    return put(list, data.phase_id, function (old) {
      if (!old) return null;
      const held = (old.held || []).filter(function (e) { return e.id !== data.entry.id; }).concat([data.entry]);
      return Object.assign({}, old, { held: held });
    });
  }
  if (what === "mine") {
    return put(list, data.phase_id, function (old) { return old && Object.assign({}, old, { mine: data.mine }); });
  }
  return list;
}

function counted(old, data) {
  const step = Object.assign({}, old, { total: data.total, visible: data.visible });
  if ("counts" in data) step.counts = data.counts;
  else delete step.counts;
  if ("terms" in data) {
    const terms = (old.terms || []).slice();
    data.terms.forEach(function (t) {
      const at = terms.findIndex(function (x) { return x.term === t.term; });
      if (at === -1) terms.push(t);
      else terms[at] = t;
    });
    step.terms = terms;
  }
  return step;
}

/* The step of `phase` (the current one) with its state (a default one until the
 * server sent it), and whether it takes answers now. */
export function stepOf(state, phase, workshop) {
  const found = stepsOf(state).find(function (s) { return s.phase_id === phase.id; });
  const s = found || { phase_id: phase.id, kind: phase.kind, question: "", options: [], closed: false, visible: false, total: 0, terms: [] };
  const withMine = s.mine ? s : Object.assign({}, s, { mine: NO_ANSWER });
  return { phase: phase, state: withMine, open: !withMine.closed && !!workshop && workshop.state === "running" };
}

/* A poll's bars: each option with its count and its share of the answers (whole
 * percents), in the options' order; null when the results are not shown. */
export function bars(state) {
  if (!state.counts) return null;
  const total = (state.options || []).reduce(function (sum, o) { return sum + (state.counts[String(o.id)] || 0); }, 0);
  return (state.options || []).map(function (o) {
    const count = state.counts[String(o.id)] || 0;
    return { id: o.id, text: o.text, count: count, percent: total ? Math.round((100 * count) / total) : 0, share: total ? count / total : 0 };
  });
}

/* A word cloud's terms, most frequent first (ties by term); `shown`: without the
 * hidden ones; at most `limit`. */
export function sortedTerms(state, limit, shown) {
  const list = (state.terms || []).filter(function (t) { return t.count > 0 && !(shown && t.hidden); });
  list.sort(function (a, b) { return b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0); });
  return list.slice(0, limit || 100);
}

/* The terms the projector shows. */
export function shownTerms(state, limit) {
  return sortedTerms(state, limit, true);
}

KINDS.forEach(function (kind) { registerActivity(kind, { reduce: reduce }); });
