// The real static/js/shared/polls.js and static/js/presenter/wordcloud-layout.js.
import test from "node:test";
import assert from "node:assert/strict";
import { Polls, activeStep, bars, shownTerms } from "../../static/js/shared/polls.js";
import { layoutCloud, sizeOf } from "../../static/js/presenter/wordcloud-layout.js";

const POLL = { phase_id: 7, kind: "poll", question: "Q?", options: [{ id: 1, text: "A" }, { id: 2, text: "B" }], closed: false, visible: false, total: 0 };

test("counts arrive, a phone's own answer survives a whole new state", () => {
  const polls = new Polls();
  polls.load({ poll: [Object.assign({ mine: { choice: 2, entries: [] } }, POLL)], wordcloud: [] });
  assert.equal(bars(polls.get(7)), null, "no bars while the results are hidden");
  polls.apply("poll.counted", { phase_id: 7, visible: false, total: 3 });
  assert.equal(polls.get(7).total, 3);
  polls.apply("poll.updated", Object.assign({}, POLL, { visible: true, counts: { 1: 1, 2: 3 }, total: 4 }));
  assert.equal(polls.get(7).mine.choice, 2, "kept: broadcasts do not carry a phone's answer");
  assert.deepEqual(bars(polls.get(7)).map((b) => [b.text, b.count, b.percent]), [["A", 1, 25], ["B", 3, 75]]);
  // Hidden again: the counts go.
  polls.apply("poll.counted", { phase_id: 7, visible: false, total: 5 });
  assert.equal(bars(polls.get(7)), null);
});

test("word-cloud terms merge by term; hidden ones are not shown", () => {
  const polls = new Polls();
  polls.load({ poll: [], wordcloud: [{ phase_id: 9, kind: "wordcloud", visible: true, total: 1, terms: [{ term: "antrean", count: 1, hidden: false }] }] });
  polls.apply("poll.counted", { phase_id: 9, visible: true, total: 3, terms: [{ term: "calo", count: 2, hidden: false }] });
  polls.apply("poll.counted", { phase_id: 9, visible: true, total: 4, terms: [{ term: "antrean", count: 2, hidden: false }] });
  assert.deepEqual(shownTerms(polls.get(9)).map((t) => [t.term, t.count]), [["antrean", 2], ["calo", 2]]);
  polls.apply("poll.counted", { phase_id: 9, visible: true, total: 5, terms: [{ term: "calo", count: 3, hidden: true }] });
  assert.deepEqual(shownTerms(polls.get(9)).map((t) => t.term), ["antrean"]);
  assert.equal(polls.apply("card.created", { id: 1 }), false, "not ours");
});

test("the active step is the current phase when it is a poll or word cloud", () => {
  const polls = new Polls();
  const workshop = { state: "running", phase_id: 3, phases: [{ id: 3, kind: "identify" }, { id: 7, kind: "poll" }] };
  assert.equal(activeStep(workshop, polls), null);
  workshop.phase_id = 7;
  const step = activeStep(workshop, polls);
  assert.equal(step.phase.kind, "poll");
  assert.equal(step.open, true, "a default state until the server sends one");
});

const measure = (text, size) => text.length * size * 0.6;

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

test("a cloud of 100 terms is laid out in 1280x560 without overlaps, bigger for more frequent", () => {
  const terms = [];
  for (let i = 0; i < 100; i++) terms.push({ term: "kata" + i + (i % 3 ? "" : " layanan"), count: 100 - i });
  const started = Date.now();
  const cloud = layoutCloud(terms, 1280, 560, measure, { min: 28, max: 120 });
  const took = Date.now() - started;
  assert.equal(cloud.placed.length + cloud.dropped, 100);
  assert.ok(cloud.placed.length >= 40, "the most frequent placed: " + cloud.placed.length);
  for (let i = 0; i < cloud.placed.length; i++) {
    const a = cloud.placed[i];
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.w <= 1280 && a.y + a.h <= 560, "inside the frame");
    for (let j = i + 1; j < cloud.placed.length; j++) assert.ok(!overlaps(a, cloud.placed[j]), a.term + " / " + cloud.placed[j].term);
  }
  assert.ok(cloud.placed[0].size >= cloud.placed[cloud.placed.length - 1].size);
  assert.deepEqual(layoutCloud(terms, 1280, 560, measure, { min: 28, max: 120 }), cloud, "deterministic");
  assert.ok(took < 2000, "laid out in " + took + " ms");
});

test("a few terms are all placed, large", () => {
  const cloud = layoutCloud([{ term: "antrean", count: 5 }, { term: "calo", count: 2 }, { term: "blanko", count: 1 }], 1280, 560, measure, { min: 28, max: 120 });
  assert.equal(cloud.dropped, 0);
  assert.equal(cloud.placed[0].size, 120);
  assert.equal(sizeOf(1, 1, 1, 28, 120), 120);
});
