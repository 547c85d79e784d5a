// The real static/js/shared/questions.js: the speakers' questions a page keeps.
import test from "node:test";
import assert from "node:assert/strict";
import { QuestionBook, questionsPhase, follow } from "../../static/js/shared/questions.js";
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
  assert.ok(book.apply({ type: "question.created", data: q(1, 0) }));
  assert.ok(book.apply({ type: "question.voted", data: { id: 1, phase_id: 7, votes: 3 } }));
  assert.equal(book.questions[1].votes, 3);
  book.apply({ type: "questions.session", data: { phase_id: 7, speaker: "Dr. Ratna", highlighted_id: 1 } });
  assert.equal(book.highlighted(7).id, 1);
  book.apply({ type: "question.updated", data: q(1, 3, { status: "hidden" }) });
  assert.equal(book.highlighted(7), null);
  book.apply({ type: "question.removed", data: { id: 1 } });
  assert.deepEqual(book.of(7), []);
  assert.equal(book.apply({ type: "card.created", data: {} }), false);
  book.setUpvoted(9, true);
  book.setUpvoted(9, false);
  assert.deepEqual(book.upvoted, {});
});

test("a page's store feeds the book from its snapshot and broadcasts", () => {
  const store = new Store();
  const book = new QuestionBook();
  const seen = [];
  follow(store, book, (change) => seen.push(change.type));
  const workshop = { phases: [{ id: 7, kind: "questions" }], phase_id: 7, sectors: [], settings: {}, timer: {} };
  store.load({ workshop, cards: [], activities: { questions: { sessions: [], questions: [q(1, 0)] } } });
  store.apply({ seq: 2, type: "question.voted", data: { id: 1, phase_id: 7, votes: 1 } });
  store.apply({ seq: 3, type: "roster.updated", data: { total: 1, per_sector: {} } });
  assert.deepEqual(seen, ["snapshot", "question.voted"]);
  assert.equal(book.questions[1].votes, 1);
  assert.equal(questionsPhase(workshop).id, 7);
  assert.equal(questionsPhase(Object.assign({}, workshop, { phase_id: null })), null);
});
