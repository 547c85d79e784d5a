/* Polls and word clouds as a page holds them: each step's state from the
 * snapshot (`activities.poll`, `activities.wordcloud`) and the broadcasts
 * (`poll.updated`: the whole state; `poll.counted`: counts as answers arrive;
 * `poll.held`: an entry held by the profanity filter, steering only), shaped by
 * the server for this viewer (results absent until revealed). No DOM: tested
 * with node --test (tests/js/polls.test.js). See docs/PROTOCOL.md. */

export const KINDS = ["poll", "wordcloud"];

export class Polls {
  constructor() {
    this.byPhase = {}; // phase id -> state
    this.listeners = [];
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  notify(phaseId) {
    this.listeners.forEach(function (fn) { fn(phaseId); });
  }

  /* Replace everything with the snapshot's `activities`. */
  load(activities) {
    const self = this;
    this.byPhase = {};
    KINDS.forEach(function (kind) {
      ((activities || {})[kind] || []).forEach(function (state) { self.byPhase[state.phase_id] = self.keep(state, null); });
    });
    this.notify(null);
  }

  /* A state from the server, with what this page knew that the broadcast does not
   * carry (a phone's own answers). */
  keep(state, old) {
    const kept = Object.assign({}, state);
    kept.mine = state.mine || (old && old.mine) || { choice: null, entries: [] };
    kept.terms = termMap(state.terms);
    return kept;
  }

  /* One broadcast (a store change); returns whether it was one of ours. */
  apply(type, data) {
    if (type === "poll.updated") {
      this.byPhase[data.phase_id] = this.keep(data, this.byPhase[data.phase_id]);
    } else if (type === "poll.counted") {
      this.counted(data);
    } else if (type === "poll.held") {
      const state = this.byPhase[data.phase_id];
      if (!state) return true;
      state.held = (state.held || []).filter(function (e) { return e.id !== data.entry.id; }).concat([data.entry]);
    } else {
      return false;
    }
    this.notify(data.phase_id);
    return true;
  }

  counted(data) {
    const state = this.byPhase[data.phase_id];
    if (!state) return;
    state.total = data.total;
    state.visible = data.visible;
    if ("counts" in data) state.counts = data.counts;
    else delete state.counts;
    if (!("terms" in data)) return;
    state.terms = state.terms || {};
    data.terms.forEach(function (t) { state.terms[t.term] = t; });
  }

  /* A phone's own answers, from an acknowledgement. */
  setMine(phaseId, mine) {
    const state = this.byPhase[phaseId];
    if (!state) return;
    state.mine = mine;
    this.notify(phaseId);
  }

  get(phaseId) {
    return this.byPhase[phaseId] || null;
  }
}

function termMap(list) {
  const out = {};
  (list || []).forEach(function (t) { out[t.term] = t; });
  return out;
}

/* The current phase when it is a poll or word cloud, with its state (a default one
 * until the server sent it), or null. */
export function activeStep(workshop, polls) {
  if (!workshop) return null;
  const phase = (workshop.phases || []).find(function (p) { return p.id === workshop.phase_id; });
  if (!phase || KINDS.indexOf(phase.kind) === -1) return null;
  const state = polls.get(phase.id) || { phase_id: phase.id, kind: phase.kind, question: "", options: [], closed: false, visible: false, total: 0, mine: { choice: null, entries: [] }, terms: {} };
  return { phase: phase, state: state, open: !state.closed && workshop.state === "running" };
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

/* A word cloud's shown terms, most frequent first (ties by term), at most `limit`. */
export function shownTerms(state, limit) {
  const list = [];
  for (const key in state.terms || {}) {
    const t = state.terms[key];
    if (t.count > 0 && !t.hidden) list.push(t);
  }
  list.sort(function (a, b) { return b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0); });
  return list.slice(0, limit || 100);
}
