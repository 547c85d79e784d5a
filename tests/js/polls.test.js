// The real static/js/shared/polls.js and static/js/presenter/wordcloud-layout.js.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { activityOf, registerActivity } from "../../static/js/shared/activities.js";
import { bars, shownTerms, sortedTerms, stepOf } from "../../static/js/shared/polls.js";
import { layoutCloud, sizeOf } from "../../static/js/presenter/wordcloud-layout.js";

const POLL = { phase_id: 7, kind: "poll", question: "Q?", options: [{ id: 1, text: "A" }, { id: 2, text: "B" }], closed: false, visible: false, total: 0 };

function storeWith(activities) {
  const store = new Store();
  store.load({ workshop: { id: 1, state: "running", phase_id: 7, phases: [{ id: 7, kind: "poll" }, { id: 9, kind: "wordcloud" }] }, cards: [], activities: activities });
  return store;
}
const step = (store, kind, id) => store.activities[kind].find((s) => s.phase_id === id);

test("counts arrive through the store, a phone's own answer survives a whole new state", () => {
  const store = storeWith({ poll: [Object.assign({ mine: { choice: 2, entries: [] } }, POLL)], wordcloud: [] });
  assert.equal(bars(step(store, "poll", 7)), null, "no bars while the results are hidden");
  store.apply({ type: "poll.counted", data: { phase_id: 7, visible: false, total: 3 } });
  assert.equal(step(store, "poll", 7).total, 3);
  store.apply({ type: "poll.updated", data: Object.assign({}, POLL, { visible: true, counts: { 1: 1, 2: 3 }, total: 4 }) });
  assert.equal(step(store, "poll", 7).mine.choice, 2, "kept: broadcasts do not carry a phone's answer");
  assert.deepEqual(bars(step(store, "poll", 7)).map((b) => [b.text, b.count, b.percent]), [["A", 1, 25], ["B", 3, 75]]);
  // Hidden again: the counts go.
  store.apply({ type: "poll.counted", data: { phase_id: 7, visible: false, total: 5 } });
  assert.equal(bars(step(store, "poll", 7)), null);
  // The phone's own answer from an acknowledgement.
  store.apply({ type: "poll.mine", data: { phase_id: 7, mine: { choice: 1, entries: [] } } });
  assert.equal(step(store, "poll", 7).mine.choice, 1);
});

test("word-cloud terms merge by term; hidden ones are not shown; held entries reach steering", () => {
  const store = storeWith({ poll: [], wordcloud: [{ phase_id: 9, kind: "wordcloud", visible: true, total: 1, terms: [{ term: "antrean", count: 1, hidden: false }] }] });
  store.apply({ type: "wordcloud.counted", data: { phase_id: 9, visible: true, total: 3, terms: [{ term: "calo", count: 2, hidden: false }] } });
  store.apply({ type: "wordcloud.counted", data: { phase_id: 9, visible: true, total: 4, terms: [{ term: "antrean", count: 2, hidden: false }] } });
  assert.deepEqual(shownTerms(step(store, "wordcloud", 9)).map((t) => [t.term, t.count]), [["antrean", 2], ["calo", 2]]);
  store.apply({ type: "wordcloud.counted", data: { phase_id: 9, visible: true, total: 5, terms: [{ term: "calo", count: 3, hidden: true }] } });
  assert.deepEqual(shownTerms(step(store, "wordcloud", 9)).map((t) => t.term), ["antrean"]);
  assert.deepEqual(sortedTerms(step(store, "wordcloud", 9), 100, false).map((t) => t.term), ["calo", "antrean"], "steering lists hidden terms too");
  store.apply({ type: "wordcloud.held", data: { phase_id: 9, entry: { id: 4, text: "anjing", term: "anjing" } } });
  assert.deepEqual(step(store, "wordcloud", 9).held.map((e) => e.id), [4]);
  assert.equal(store.activities.poll.length, 0, "a word cloud's events leave the polls alone");
});

test("a poll or word-cloud step is an activity the pages switch to; a default state until the server sends one", () => {
  registerActivity("poll", { mount: function () { return { render: function () {} }; } });
  assert.equal(activityOf({ id: 7, kind: "poll" }), "poll");
  assert.equal(activityOf({ id: 3, kind: "identify" }), null);
  const shown = stepOf([], { id: 7, kind: "poll" }, { state: "running" });
  assert.equal(shown.state.kind, "poll");
  assert.equal(shown.open, true);
  assert.equal(stepOf([Object.assign({}, POLL, { closed: true })], { id: 7, kind: "poll" }, { state: "running" }).open, false);
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
