/* Speakers' questions on every page (issue 28): the sessions (one a "questions"
 * step of the agenda) and the questions this viewer may see, kept from the
 * snapshot's `activities.questions` and the `question.*` broadcasts. The server
 * shapes each question for its viewer (author, `actions`); this only keeps and
 * orders them. No DOM: tested with node --test (tests/js/questions.test.js). */

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
      case "question.created":
      case "question.updated":
        this.questions[data.id] = Object.assign({}, this.questions[data.id] || {}, data);
        return true;
      case "question.removed":
        delete this.questions[data.id];
        return true;
      case "question.voted":
        if (this.questions[data.id]) this.questions[data.id].votes = data.votes;
        return true;
      case "questions.session":
        this.sessions[data.phase_id] = data;
        return true;
    }
    return false;
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

/* The current phase, when it is a question session (null otherwise). */
export function questionsPhase(workshop) {
  if (!workshop) return null;
  const phase = workshop.phases.find(function (p) { return p.id === workshop.phase_id; });
  return phase && phase.kind === KIND ? phase : null;
}

/* Feed `book` from a page's Store: the snapshot and every broadcast; `changed()` after each. */
export function follow(store, book, changed) {
  store.onChange(function (change) {
    if (change.type === "snapshot") {
      book.load((store.activities || {}).questions);
      changed(change);
    } else if (book.apply(change) || change.type === "workshop.updated") {
      changed(change);
    }
  });
}
