/* Speakers' questions on every page (issue 28): the sessions (one a "questions"
 * step of the agenda) and the questions this viewer may see, kept from the
 * snapshot's `activities.questions` and the `questions.*` broadcasts. The server
 * shapes each question for its viewer (author, `actions`); this only keeps and
 * orders them. Registered as the "questions" activity's reducer
 * (shared/activities.js): the Store keeps a QuestionBook as
 * `store.activities.questions`. No DOM: tested with node --test
 * (tests/js/questions.test.js). */

import { registerActivity } from "./activities.js";

export const KIND = "questions";

export class QuestionBook {
  constructor() {
    this.sessions = {}; // phase id -> {phase_id, speaker, topic, anonymous_allowed, approval_required, highlighted_id}
    this.questions = {}; // id -> question, as the server shaped it for this viewer
    this.upvoted = {}; // id -> true: this participant's upvotes
    this.limits = {}; // {text, note}: the longest question and answer note, as the server told
  }

  /* The snapshot's `activities.questions` (absent: nothing yet). */
  load(state) {
    const s = state || {};
    this.sessions = {};
    this.questions = {};
    this.upvoted = {};
    (s.sessions || []).forEach(function (session) { this.sessions[session.phase_id] = session; }, this);
    (s.questions || []).forEach(function (q) { this.questions[q.id] = q; }, this);
    (s.my_upvotes || []).forEach(function (id) { this.upvoted[id] = true; }, this);
    this.limits = s.limits || {};
  }

  /* One broadcast; returns true when it was about questions. */
  apply(message) {
    const data = message.data;
    switch (message.type) {
      case "questions.created":
      case "questions.updated":
        this.questions[data.id] = Object.assign({}, this.questions[data.id] || {}, data);
        return true;
      case "questions.removed":
        delete this.questions[data.id];
        return true;
      case "questions.voted":
        this.count(data);
        return true;
      case "questions.session":
        this.sessions[data.phase_id] = data;
        return true;
    }
    return false;
  }

  /* A `questions.voted`: {phase_id, votes: {question id: count}}, a batch of the
   * session's new counts (one message however many upvotes it covers). An event
   * log stamped before the batches holds {id, phase_id, votes: count}, one each. */
  count(data) {
    const counts = typeof data.votes === "number" ? { [data.id]: data.votes } : data.votes || {};
    for (const id in counts) {
      if (this.questions[id]) this.questions[id].votes = counts[id];
    }
  }

  /* This participant's upvote was stored (or taken back). */
  setUpvoted(id, up, votes) {
    if (up) this.upvoted[id] = true;
    else delete this.upvoted[id];
    if (this.questions[id] && typeof votes === "number") this.questions[id].votes = votes;
  }

  session(phaseId) {
    return this.sessions[phaseId] || { phase_id: phaseId, speaker: null, topic: null, anonymous_allowed: true, approval_required: false, highlighted_id: null };
  }

  /* The questions of a session in `status` (all when omitted), oldest first. */
  of(phaseId, status) {
    const out = [];
    for (const id in this.questions) {
      const q = this.questions[id];
      if (q.phase_id === phaseId && (!status || q.status === status)) out.push(q);
    }
    return out.sort(function (a, b) { return a.id - b.id; });
  }

  /* The approved questions, best first: not yet answered, then most upvoted, then oldest. */
  ranked(phaseId) {
    return this.of(phaseId, "visible").sort(function (a, b) {
      return (a.answered - b.answered) || (b.votes - a.votes) || (a.id - b.id);
    });
  }

  /* The question shown large on the projector, if it is still shown. */
  highlighted(phaseId) {
    const id = this.session(phaseId).highlighted_id;
    const q = id ? this.questions[id] : null;
    return q && q.status === "visible" ? q : null;
  }

  /* The top `n` approved questions beside the highlighted one, for the projector. */
  top(phaseId, n) {
    const lit = this.session(phaseId).highlighted_id;
    return this.ranked(phaseId).filter(function (q) { return q.id !== lit && !q.answered; }).slice(0, n);
  }
}

/* The book of an `activities.questions` state: the snapshot's plain object is
 * read into a book once (a fresh snapshot, a fresh book); a book is itself. */
const books = new WeakMap();

export function bookOf(state) {
  if (state instanceof QuestionBook) return state;
  let book = books.get(state);
  if (!book) {
    book = new QuestionBook();
    book.load(state);
    books.set(state, book);
  }
  return book;
}

/* The activity's reducer: a broadcast applied to the book, which becomes the state. */
export function reduce(state, message) {
  const book = bookOf(state);
  book.apply(message);
  return book;
}

registerActivity(KIND, { reduce: reduce });
