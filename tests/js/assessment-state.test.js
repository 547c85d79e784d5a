// The tests' and evaluations' state in the real Store: a phone's own answers and
// score, the right answers only when the server sends them, evaluation counts
// and the recap; and the helpers the panels use.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import {
  answeredCount, bankOf, hasSent, keyOf, missingScore, targetsOf, testStatus
} from "../../static/js/shared/assessment-state.js";

function store(activities) {
  const s = new Store({ snapshotSettings: {} });
  s.activities = activities;
  return s;
}

test("a phone keeps its own answers and score; the key only once sent", () => {
  const s = store({ pretest: { status: "open", mine: {}, questions: [{ id: 1 }, { id: 2 }] } });
  s.apply({ seq: 1, type: "pretest.answered", data: { stage: "pretest", question_id: 1, choice: 2, answered: 1, mine: true } });
  s.apply({ seq: 2, type: "pretest.answered", data: { stage: "pretest", phones: 3 } });
  assert.deepEqual(s.activities.pretest.mine, { 1: 2 });
  assert.equal(s.activities.pretest.phones, 3);
  assert.equal(answeredCount(s.activities.pretest.questions, s.activities.pretest.mine, { 2: 0 }), 2);
  s.apply({ seq: 3, type: "pretest.closed", data: { stage: "pretest" } });
  s.apply({ seq: 4, type: "pretest.score", data: { stage: "pretest", score: 1, total: 2, mine: true } });
  assert.equal(s.activities.pretest.status, "closed");
  assert.equal(s.activities.pretest.score.score, 1);
  assert.deepEqual(keyOf(s.activities.pretest), {});
  s.apply({ seq: 5, type: "posttest.closed", data: { stage: "posttest", key: [{ id: 1, answer: 0, explanation: "x" }] } });
  assert.equal(keyOf(s.activities.posttest)["1"].answer, 0);
});

test("the cockpit's results and bank; a test is open while its step is current", () => {
  const s = store({});
  s.apply({ seq: 1, type: "pretest.bank", data: { questions: [{ id: 7, answer: 1 }], count: 1 } });
  assert.deepEqual(bankOf(s.activities).map(function (q) { return q.id; }), [7]);
  s.apply({ seq: 2, type: "pretest.closed", data: { stage: "pretest", people: [{ name: "A" }], average: { pre: 1 } } });
  assert.equal(s.activities.pretest.results.people[0].name, "A");
  assert.equal(testStatus({}, { kind: "pretest" }, "pretest"), "open");
  assert.equal(testStatus({}, { kind: "identify" }, "pretest"), "waiting");
  assert.equal(testStatus({ status: "closed" }, { kind: "pretest" }, "pretest"), "closed");
});

test("an evaluation: counts, then the recap; its targets and what is left to score", () => {
  const s = store({ evaluation: { forms: { 9: { scale: 4, speakers: ["Sari"], organisation: true, count: 0 } } } });
  s.apply({ seq: 1, type: "evaluation.submitted", data: { phase_id: 9, count: 2 } });
  assert.equal(s.activities.evaluation.forms[9].count, 2);
  s.apply({ seq: 2, type: "evaluation.closed", data: { phase_id: 9, count: 2, recap: { targets: [] } } });
  assert.equal(s.activities.evaluation.forms[9].closed, true);
  assert.deepEqual(s.activities.evaluation.recaps[9], { targets: [] });
  const form = s.activities.evaluation.forms[9];
  assert.deepEqual(targetsOf(form).map(function (t) { return t.key; }), ["speaker:0", "organisation"]);
  const items = { speaker: [{ key: "a" }], organisation: [{ key: "b" }] };
  assert.deepEqual(missingScore(form, items, { "speaker:0": { scores: { a: 3 } } }), { target: "organisation", item: "b" });
  assert.equal(missingScore(form, items, { "speaker:0": { scores: { a: 3 } }, organisation: { scores: { b: 1 } } }), null);
  assert.equal(hasSent({ sent: [9] }, 9), true);
});
