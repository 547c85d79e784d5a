/* questions: the projector's view of a speaker's question session (issue 28),
 * shown instead of the boards while the current step is one (shared/activities.js): the speaker, the question the
 * facilitator highlights, large, and the most upvoted questions under it, in
 * type read from the back of the room at 1280 x 720. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, bookOf } from "../shared/questions.js";

const TOP = 5; // the most upvoted questions shown beside the highlighted one

function mount(ctx, root) {
  const t = readJSON("questions-strings");
  const $ = function (id) { return root.querySelector("#" + id); };
  let last = null; /* [state, phase] last drawn, drawn again when the window is resized */
  const rows = {}; // question id -> li

  function who(q) {
    return q.author ? q.author.name : t.anonymous;
  }

  function row(q) {
    const li = rows[q.id] || (rows[q.id] = el("li", { className: "questions-item" }, [
      el("span", { className: "questions-votes" }),
      el("span", { className: "questions-text" })
    ]));
    setText(li.firstChild, String(q.votes));
    li.firstChild.setAttribute("aria-label", fmt(t.votes, { n: q.votes }));
    setText(li.lastChild, q.text);
    return li;
  }

  function render(state, phase) {
    last = [state, phase];
    const book = bookOf(state);
    const session = book.session(phase.id);
    setText($("questions-speaker"), session.speaker ? fmt(t.title, { speaker: session.speaker }) : t.title_plain);
    setText($("questions-topic"), session.topic || "");
    const lit = book.highlighted(phase.id);
    show($("questions-lit"), !!lit);
    if (lit) {
      setText($("questions-lit-text"), lit.text);
      const notes = [who(lit), fmt(t.votes, { n: lit.votes })];
      if (lit.answered) notes.push("✓ " + t.answered);
      setText($("questions-lit-meta"), notes.join(" · "));
      $("questions-lit").classList.toggle("answered", !!lit.answered);
    }
    const top = book.top(phase.id, TOP).map(row);
    syncChildren($("questions-top"), top);
    fit($("questions-top"));
    show($("questions-none"), !lit && top.length === 0);
  }

  /* Only whole questions: those that do not fit under the highlighted one wait
   * for the next drawing (a question is never cut in half at the screen's foot). */
  function fit(list) {
    const items = Array.prototype.slice.call(list.children);
    items.forEach(function (li) { li.hidden = false; });
    const bottom = list.getBoundingClientRect().bottom;
    items.forEach(function (li) { li.hidden = li.getBoundingClientRect().bottom > bottom + 1; });
  }

  window.addEventListener("resize", function () { if (last && !root.hidden) render(last[0], last[1]); });
  return { render: render };
}

registerActivity(KIND, { mount: mount });
