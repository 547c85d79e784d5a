/* questions: the phone's panel of a speaker's question session (issue 28), shown
 * instead of the board while the current step is one (shared/activities.js): send a question (anonymously where
 * the session allows; kept on the phone while offline, like a card), upvote
 * others' questions once, see one's own waiting for approval. What may be done
 * to each question is the server's `actions`. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { Outbox } from "../shared/outbox.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, QuestionBook, bookOf } from "../shared/questions.js";

function mount(ctx, root) {
  const t = readJSON("questions-strings");
  let book = new QuestionBook(); /* the store's, from the first drawing on */
  let phase = null; /* the session's step, while drawn */
  const $ = function (id) { return root.querySelector("#" + id); };
  const form = $("question-form");
  const text = $("question-text");
  const anonymous = $("question-anonymous");
  const meId = ctx.viewer.participant ? ctx.viewer.participant.id : null;
  const items = {}; // question id -> {root, text, meta, votes, button}
  const waiting = {}; // client_id -> li of a question still on this phone

  const outbox = new Outbox({
    storage: storage(),
    key: "urai:questions:" + ctx.config.code,
    send: function (item, done) { ctx.emit("question:ask", item, done); },
    canSend: ctx.connected,
    onChange: redraw,
    onStored: function () {
      setText($("question-sent"), phase && book.session(phase.id).approval_required ? t.sent_waiting : t.sent);
    },
    onRejected: function (item, error) {
      setText($("question-sent"), "");
      setText($("question-error"), error ? error.message : t.failed);
      if (!text.value) text.value = item.text;
    }
  });

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const value = text.value.trim();
    setText($("question-error"), "");
    if (!value) {
      setText($("question-error"), t.required);
      return;
    }
    outbox.add({ text: value, anonymous: !anonymous.parentNode.hidden && anonymous.checked });
    text.value = "";
    setText($("question-count"), "0 / " + text.maxLength);
    setText($("question-sent"), ctx.connected() ? t.sending : t.queued);
  });
  text.addEventListener("input", function () { setText($("question-count"), text.value.length + " / " + text.maxLength); });

  function upvote(q, button) {
    const up = !book.upvoted[q.id];
    button.disabled = true;
    ctx.emit("question:upvote", { question_id: q.id, up: up }, function (err, reply) {
      button.disabled = false;
      if (err || !reply || !reply.ok) {
        setText($("question-error"), (reply && reply.error && reply.error.message) || t.failed);
        return;
      }
      book.setUpvoted(q.id, up, reply.votes);
      redraw();
    });
  }

  function item(q, phaseId) {
    let row = items[q.id];
    if (!row) {
      row = items[q.id] = { root: el("li", { className: "question", "data-question": q.id }) };
      row.text = el("p", { className: "question-text" });
      row.meta = el("p", { className: "question-meta" });
      row.button = el("button", { type: "button", className: "button secondary question-upvote" });
      row.button.addEventListener("click", function () { upvote(book.questions[q.id], row.button); });
      row.root.append(row.text, row.meta, row.button);
    }
    const mine = !!q.author && q.author.id === meId;
    const who = q.author ? (mine ? q.author.name + " (" + t.you + ")" : q.author.name) : t.anonymous;
    const notes = [who, fmt(t.votes, { n: q.votes })];
    if (q.status === "pending") notes.push(t.waiting);
    if (q.answered) notes.push(t.answered);
    if (book.session(phaseId).highlighted_id === q.id) notes.push(t.on_screen);
    setText(row.text, q.text);
    setText(row.meta, notes.join(" · "));
    row.root.className = "question" + (q.answered ? " answered" : "") + (q.status === "pending" ? " pending" : "");
    const can = q.actions.indexOf("upvote") !== -1 || !!book.upvoted[q.id];
    show(row.button, can && !q.answered);
    setText(row.button, book.upvoted[q.id] ? t.upvoted : t.upvote);
    row.button.setAttribute("aria-pressed", String(!!book.upvoted[q.id]));
    return row.root;
  }

  /* Questions still on this phone (offline, or not yet answered by the server). */
  function queued() {
    const stored = {};
    for (const id in book.questions) stored[book.questions[id].client_id] = true;
    const keep = {};
    const out = outbox.items().filter(function (item) { return !stored[item.client_id]; }).map(function (item) {
      keep[item.client_id] = true;
      const li = waiting[item.client_id] || (waiting[item.client_id] = el("li", { className: "question pending queued" }, [
        el("p", { className: "question-text", text: item.text }),
        el("p", { className: "question-meta" })
      ]));
      setText(li.lastChild, ctx.connected() ? t.sending : t.queued);
      return li;
    });
    Object.keys(waiting).forEach(function (id) { if (!keep[id]) delete waiting[id]; });
    return out;
  }

  /* Drawn by the page's activity switch while the step is current (state: the book). */
  function render(state, current) {
    book = state;
    phase = current;
    const session = book.session(phase.id);
    setText($("questions-title"), session.speaker ? fmt(t.title, { speaker: session.speaker }) : t.title_plain);
    setText($("questions-topic"), session.topic || "");
    if (book.limits.text && text.maxLength !== book.limits.text) {
      text.maxLength = book.limits.text;
      setText($("question-count"), text.value.length + " / " + text.maxLength);
    }
    show($("question-anonymous-box"), !!session.anonymous_allowed);
    const w = ctx.store.workshop;
    const running = w.state === "running" && !w.settings.locked; /* the server refuses alike */
    show(form, running);
    show($("questions-closed"), !running);
    const mine = book.of(phase.id, "pending");
    const list = queued().concat(mine.concat(book.ranked(phase.id)).map(function (q) { return item(q, phase.id); }));
    syncChildren($("questions-list"), list);
    show($("questions-empty"), list.length === 0);
  }

  /* The outbox or an upvote changed what this phone shows, between the store's changes. */
  function redraw() {
    if (phase && !root.hidden) render(book, phase);
  }

  ctx.store.onChange(function (change) { if (change.type === "snapshot") outbox.flush(); });
  outbox.flush(); /* what an earlier visit of this page kept */
  setInterval(function () { if (outbox.items().length) outbox.flush(); }, 5000);
  return { render: function (state, current) { render(bookOf(state), current); } };
}

registerActivity(KIND, { mount: mount });
