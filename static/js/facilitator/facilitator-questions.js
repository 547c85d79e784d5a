/* questions: the cockpit's panel of a speaker's question session (issue 28), at
 * the top of the boards tab while the current step is one (shared/activities.js): the speaker and topic, whether
 * questions may be anonymous and wait for approval; the approval queue; the
 * questions by upvotes, each to highlight on the projector, mark answered (with
 * a short note for the minutes) or hide. The buttons are the question's `actions`. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, QuestionBook, bookOf } from "../shared/questions.js";
import { button, errorArea, syncValue } from "./facilitator-ui.js";

function mount(ctx, root) {
  const t = readJSON("questions-strings");
  let book = new QuestionBook(); /* the store's, from the first drawing on */
  let phase = null; /* the session's step, while drawn */
  const $ = function (id) { return root.querySelector("#" + id); };
  const rows = {}; // question id -> {root, text, meta, tools, note, area}
  const setup = {
    speaker: $("questions-speaker"),
    topic: $("questions-topic-input"),
    anonymous: $("questions-anonymous-allowed"),
    approval: $("questions-approval")
  };

  $("questions-setup").addEventListener("submit", function (event) {
    event.preventDefault();
    if (!phase) return;
    ctx.send("questions:configure", {
      phase_id: phase.id,
      speaker: setup.speaker.value,
      topic: setup.topic.value,
      anonymous_allowed: setup.anonymous.checked,
      approval_required: setup.approval.checked
    }, { area: $("questions-setup-error"), button: event.submitter || null, okText: t.saved });
  });

  function act(event, payload, row, b) {
    ctx.send(event, payload, { area: row.area, button: b });
  }

  function tools(q, row, phaseId) {
    const lit = book.session(phaseId).highlighted_id === q.id;
    const out = [];
    const has = function (a) { return q.actions.indexOf(a) !== -1; };
    if (has("approve")) out.push(button(t.approve, "", function () { act("question:moderate", { question_id: q.id, action: "approve" }, row, this); }));
    if (has("highlight")) {
      out.push(lit
        ? button(t.unhighlight, "secondary", function () { act("question:highlight", { phase_id: phaseId, question_id: null }, row, this); })
        : button(t.highlight, "", function () { act("question:highlight", { question_id: q.id }, row, this); }));
    }
    if (has("answer")) {
      out.push(q.answered
        ? button(t.unanswer, "secondary", function () { act("question:answer", { question_id: q.id, answered: false }, row, this); })
        : button(t.mark_answered, "secondary", function () { act("question:answer", { question_id: q.id, answered: true, note: row.note.value }, row, this); }));
    }
    if (has("hide")) out.push(button(q.status === "pending" ? t.reject : t.hide, "secondary", function () { act("question:moderate", { question_id: q.id, action: "hide" }, row, this); }));
    if (has("show")) out.push(button(t.show, "secondary", function () { act("question:moderate", { question_id: q.id, action: "show" }, row, this); }));
    return out;
  }

  function row(q, phaseId) {
    let r = rows[q.id];
    if (!r) {
      r = rows[q.id] = { root: el("li", { className: "fac-question", "data-question": q.id }) };
      r.text = el("p", { className: "fac-question-text" });
      r.meta = el("p", { className: "fac-question-meta" });
      r.tools = el("div", { className: "fac-question-tools" });
      r.note = el("input", { type: "text", className: "fac-question-note", "aria-label": t.note, placeholder: t.note });
      r.saveNote = button(t.save_note, "secondary", function () {
        act("question:answer", { question_id: q.id, answered: true, note: r.note.value }, r, this);
      });
      r.noteBox = el("div", { className: "fac-question-notebox" }, [r.note, r.saveNote]);
      r.area = errorArea();
      r.root.append(r.text, r.meta, r.tools, r.noteBox, r.area);
    }
    const lit = book.session(phaseId).highlighted_id === q.id;
    const notes = [q.author ? q.author.name : t.anonymous, fmt(t.votes, { n: q.votes })];
    if (lit) notes.push(t.on_screen);
    if (q.answered) notes.push(t.answered);
    setText(r.text, q.text);
    setText(r.meta, notes.join(" · "));
    r.root.classList.toggle("lit", lit);
    r.root.classList.toggle("answered", !!q.answered);
    if (book.limits.note) r.note.maxLength = book.limits.note;
    syncValue(r.note, q.answer_note || "");
    show(r.noteBox, q.status === "visible");
    show(r.saveNote, !!q.answered);
    const key = JSON.stringify([q.actions, lit, q.answered]);
    if (r.key !== key) {
      r.key = key;
      syncChildren(r.tools, tools(q, r, phaseId));
    }
    return r.root;
  }

  function render(state, current) {
    book = bookOf(state);
    phase = current;
    const session = book.session(phase.id);
    syncValue(setup.speaker, session.speaker || "");
    syncValue(setup.topic, session.topic || "");
    syncValue(setup.anonymous, !!session.anonymous_allowed);
    syncValue(setup.approval, !!session.approval_required);
    const pending = book.of(phase.id, "pending");
    syncChildren($("questions-pending"), pending.map(function (q) { return row(q, phase.id); }));
    setText($("questions-pending-count"), pending.length ? "(" + pending.length + ")" : "");
    show($("questions-pending").parentNode, !!session.approval_required || pending.length > 0);
    const shown = book.ranked(phase.id).map(function (q) { return row(q, phase.id); });
    syncChildren($("questions-shown"), shown);
    show($("questions-shown-empty"), shown.length === 0);
    const hidden = book.of(phase.id, "hidden");
    syncChildren($("questions-hidden"), hidden.map(function (q) { return row(q, phase.id); }));
    setText($("questions-hidden-count"), "(" + hidden.length + ")");
  }

  return { render: render };
}

registerActivity(KIND, { mount: mount });
