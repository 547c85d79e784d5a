/* The pre-test's, post-test's and evaluations' state on every page (docs/PROTOCOL.md,
 * "Pre-test and post-test", "Evaluations"), DOM-free. Kept from the snapshot
 * (activities.pretest, .posttest, .evaluation) and the broadcasts, whose form
 * the server shapes for each viewer: a phone never holds a right answer while
 * a test is open, nor anyone's score but its own; evaluations come as counts,
 * and as a recap to the cockpit once closed. Tested with node --test
 * (tests/js/assessment-state.test.js). */

import { registerActivity } from "./activities.js";

export const PRETEST = "pretest";
export const POSTTEST = "posttest";
export const EVALUATION = "evaluation";

function copy(state) { return Object.assign({}, state); }

export function reduceTest(state, message) {
  const data = message.data || {};
  const what = String(message.type).split(".")[1];
  const next = copy(state);
  if (what === "bank") {
    if (data.questions) next.bank = data.questions;
    next.count = data.count;
  } else if (what === "questions") {
    next.questions = data.questions; /* the open test's, changed before anyone answered */
  } else if (what === "answered") {
    if (data.phones !== undefined) next.phones = data.phones; /* told on a phone's first answer */
    if (data.mine) next.mine = Object.assign({}, state.mine, { [String(data.question_id)]: data.choice });
    if (data.participant_id !== undefined && !data.mine) {
      next.progress = Object.assign({}, state.progress, { [String(data.participant_id)]: data.answered });
    }
  } else if (what === "closed") {
    next.status = "closed";
    if (data.key) next.key = data.key;
    if (data.people) next.results = data;
    else if (data.average) Object.assign(next, { average: data.average, questions_right: data.questions, total: data.total });
  } else if (what === "score") {
    next.score = data;
  }
  return next;
}

export function reduceEvaluation(state, message) {
  const data = message.data || {};
  const what = String(message.type).split(".")[1];
  const next = copy(state);
  const key = String(data.phase_id);
  next.forms = Object.assign({}, state.forms);
  const form = Object.assign({}, next.forms[key]);
  if (what === "form") Object.assign(form, data);
  else if (what === "submitted") form.count = data.count;
  else if (what === "closed") {
    form.closed = true;
    if (data.count !== undefined) form.count = data.count;
    if (data.recap) next.recaps = Object.assign({}, state.recaps, { [key]: data.recap });
  }
  next.forms[key] = form;
  return next;
}

/* A test's status as a page shows it: closed, open (its step is current), or waiting. */
export function testStatus(state, phase, stage) {
  if (state && state.status === "closed") return "closed";
  return phase && phase.kind === stage ? "open" : "waiting";
}

/* The bank as the cockpit holds it (one bank, kept under either test's state). */
export function bankOf(activities) {
  const pre = (activities && activities[PRETEST]) || {};
  const post = (activities && activities[POSTTEST]) || {};
  return pre.bank || post.bank || [];
}

/* The right choice of each question, once a phone is told them (after the post-test). */
export function keyOf(state) {
  const out = {};
  ((state && state.key) || []).forEach(function (k) { out[String(k.id)] = k; });
  return out;
}

/* How many of `questions` this phone has answered (sent or waiting to be). */
export function answeredCount(questions, mine, pending) {
  return (questions || []).filter(function (q) {
    return (mine && String(q.id) in mine) || (pending && String(q.id) in pending);
  }).length;
}

/* An evaluation's targets: each speaker, then the organisation if it is evaluated. */
export function targetsOf(form) {
  const out = ((form && form.speakers) || []).map(function (name, n) {
    return { key: "speaker:" + n, kind: "speaker", name: name };
  });
  if (form && form.organisation) out.push({ key: "organisation", kind: "organisation", name: null });
  return out;
}

/* The first target and item not scored in `answers` ({target: {scores: {item: n}}}), or null. */
export function missingScore(form, items, answers) {
  const targets = targetsOf(form);
  for (let i = 0; i < targets.length; i += 1) {
    const list = items[targets[i].kind] || [];
    const given = (answers[targets[i].key] && answers[targets[i].key].scores) || {};
    for (let j = 0; j < list.length; j += 1) {
      if (!given[list[j].key]) return { target: targets[i].key, item: list[j].key };
    }
  }
  return null;
}

/* Whether this phone has sent the form of evaluation step `phaseId`. */
export function hasSent(state, phaseId) {
  return ((state && state.sent) || []).indexOf(phaseId) !== -1;
}

registerActivity(PRETEST, { reduce: reduceTest });
registerActivity(POSTTEST, { reduce: reduceTest });
registerActivity(EVALUATION, { reduce: reduceEvaluation });
