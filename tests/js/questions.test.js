// The real static/js/shared/questions.js: the speakers' questions a page keeps.
import test from "node:test";
import assert from "node:assert/strict";
import { QuestionBook, bookOf } from "../../static/js/shared/questions.js";
import { isActivityEvent } from "../../static/js/shared/activities.js";
import { Store } from "../../static/js/shared/store.js";

const q = (id, votes, extra) => Object.assign({ id, phase_id: 7, text: "q" + id, status: "visible", votes, answered: false, author: null, actions: [] }, extra || {});

test("questions are ranked: unanswered first, then by upvotes, then oldest", () => {
  const book = new QuestionBook();
  book.load({ sessions: [{ phase_id: 7, highlighted_id: 3 }], questions: [q(1, 2), q(2, 5), q(3, 9), q(4, 5), q(5, 8, { answered: true }), q(6, 1, { status: "pending" })], my_upvotes: [2] });
  assert.deepEqual(book.ranked(7).map((x) => x.id), [3, 2, 4, 1, 5]);
  assert.deepEqual(book.top(7, 2).map((x) => x.id), [2, 4]);
  assert.equal(book.highlighted(7).id, 3);
  assert.deepEqual(book.of(7, "pending").map((x) => x.id), [6]);
  assert.ok(book.upvoted[2]);
});

test("broadcasts add, change, remove and count; a hidden highlight is not shown", () => {
  const book = new QuestionBook();
  book.load(null);
  assert.equal(book.session(7).highlighted_id, null);
  assert.ok(book.apply({ type: "questions.created", data: q(1, 0) }));
  assert.ok(book.apply({ type: "questions.voted", data: { phase_id: 7, votes: { 1: 3 } } }));
  assert.equal(book.questions[1].votes, 3);
  book.apply({ type: "questions.session", data: { phase_id: 7, speaker: "Dr. Ratna", highlighted_id: 1 } });
  assert.equal(book.highlighted(7).id, 1);
  book.apply({ type: "questions.updated", data: q(1, 3, { status: "hidden" }) });
  assert.equal(book.highlighted(7), null);
  book.apply({ type: "questions.removed", data: { id: 1 } });
  assert.deepEqual(book.of(7), []);
  assert.equal(book.apply({ type: "card.created", data: {} }), false);
  book.setUpvoted(9, true);
  book.setUpvoted(9, false);
  assert.deepEqual(book.upvoted, {});
});

test("a page's store keeps the book as the questions activity's state, from its snapshot and broadcasts", () => {
  const store = new Store();
  const workshop = { phases: [{ id: 7, kind: "questions" }], phase_id: 7, sectors: [], settings: {}, timer: {} };
  store.load({ workshop, cards: [], activities: { questions: { sessions: [], questions: [q(1, 0)], my_upvotes: [] } } });
  assert.equal(bookOf(store.activities.questions).questions[1].votes, 0);
  assert.equal(bookOf(store.activities.questions), bookOf(store.activities.questions)); /* read once */
  assert.ok(isActivityEvent("questions.voted"));
  assert.ok(!isActivityEvent("question.voted"));
  store.apply({ seq: 2, type: "questions.voted", data: { phase_id: 7, votes: { 1: 1 } } });
  store.apply({ seq: 3, type: "questions.session", data: { phase_id: 7, speaker: "Dr. Ratna", highlighted_id: 1 } });
  const book = store.activities.questions;
  assert.ok(book instanceof QuestionBook);
  assert.equal(book.questions[1].votes, 1);
  assert.equal(book.highlighted(7).id, 1);
  store.load({ workshop, cards: [], activities: { questions: { sessions: [], questions: [] } } });
  assert.deepEqual(bookOf(store.activities.questions).of(7), []); /* a fresh snapshot, a fresh book */
});

test("a batch of upvotes recounts every question it names and re-ranks the session", () => {
  const book = new QuestionBook();
  book.load({ sessions: [], questions: [q(1, 0), q(2, 1), q(3, 2)] });
  assert.deepEqual(book.ranked(7).map((x) => x.id), [3, 2, 1]);
  /* One message for many upvotes: the counts of the questions upvoted since the last batch. */
  assert.ok(book.apply({ type: "questions.voted", data: { phase_id: 7, votes: { 1: 5, 2: 4, 99: 7 } } }));
  assert.deepEqual(book.ranked(7).map((x) => [x.id, x.votes]), [[1, 5], [2, 4], [3, 2]]);
  assert.equal(book.questions[99], undefined); /* one this viewer does not see: nothing to count */
  /* An event log stamped before the batches: one question's count a message. */
  book.apply({ type: "questions.voted", data: { id: 3, phase_id: 7, votes: 6 } });
  assert.deepEqual(book.ranked(7).map((x) => x.id), [3, 1, 2]);
});
