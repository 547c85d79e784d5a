/* The cockpit's poll and word-cloud panel (templates/facilitator/_polls.html), at
 * the top of the boards tab while the current phase is a poll or a word cloud:
 * the question and options, when results show, closing and reopening, the
 * reveal, the counts as they come, and the word cloud's moderation (hide a
 * term; let through an entry the profanity filter held). Steering events of
 * docs/PROTOCOL.md, "Polls and word clouds". */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { Polls, activeStep, bars } from "../shared/polls.js";
import { syncValue, schedule } from "./facilitator-ui.js";

export function createCockpitPolls(ctx) {
  const t = readJSON("polls-strings");
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    panel: byId("poll-cockpit"),
    title: byId("poll-cockpit-h"),
    form: byId("poll-edit"),
    question: byId("poll-edit-question"),
    optionsBox: byId("poll-edit-options-box"),
    options: byId("poll-edit-options"),
    add: byId("poll-add-option"),
    results: byId("poll-edit-results"),
    msg: byId("poll-edit-msg"),
    close: byId("poll-close"),
    reveal: byId("poll-reveal"),
    total: byId("poll-cockpit-total"),
    bars: byId("poll-cockpit-bars"),
    termsTitle: byId("poll-terms-h"),
    terms: byId("poll-terms"),
    heldTitle: byId("poll-held-h"),
    held: byId("poll-held")
  };
  if (!dom.panel) return null;
  const polls = new Polls();
  const store = ctx.store;
  let current = null; // the step drawn
  let optionsKey = "";

  store.onChange(function (change) {
    if (change.type === "snapshot") polls.load(store.activities);
    else if (!polls.apply(change.type, change.data) && change.type !== "workshop.updated") return;
    schedule("polls", render);
  });

  function send(event, payload, button) {
    ctx.send(event, Object.assign({ phase_id: current.phase.id }, payload), { button: button, area: dom.msg });
  }

  dom.form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current) return;
    const payload = { question: dom.question.value, results: dom.results.value };
    if (current.phase.kind === "poll") payload.options = readOptions();
    ctx.send("poll:save", Object.assign({ phase_id: current.phase.id }, payload), {
      button: dom.form.querySelector("button[type=submit]"),
      area: dom.msg,
      okText: t.saved,
      ok: function () { optionsKey = ""; }
    });
  });
  dom.add.addEventListener("click", function () {
    const limits = (current && current.state.limits) || {};
    if (dom.options.children.length >= (limits.options || 8)) return;
    dom.options.appendChild(optionRow(null, ""));
    dom.options.lastChild.querySelector("input").focus();
  });
  dom.close.addEventListener("click", function () {
    if (current) send("poll:close", { closed: !current.state.closed }, dom.close);
  });
  dom.reveal.addEventListener("click", function () {
    if (current) send("poll:reveal", { revealed: !current.state.revealed }, dom.reveal);
  });

  function readOptions() {
    return Array.prototype.map.call(dom.options.children, function (row) {
      const id = row.getAttribute("data-id");
      return { id: id ? Number(id) : null, text: row.querySelector("input").value };
    }).filter(function (o) { return o.text.trim(); });
  }

  function optionRow(option, text) {
    const n = dom.options.children.length + 1;
    const input = el("input", { "aria-label": fmt(t.option, { n: n }), maxlength: (current && current.state.limits && current.state.limits.option) || 120 });
    input.value = text;
    const row = el("li", { "data-id": option ? option.id : null }, [input]);
    row.appendChild(el("button", { type: "button", className: "button secondary", text: t.remove, onclick: function () { row.remove(); } }));
    return row;
  }

  function render() {
    const step = (current = activeStep(store.workshop, polls));
    show(dom.panel, !!step);
    if (!step) return;
    const state = step.state;
    const kind = step.phase.kind;
    setText(dom.title, fmt(t[kind], { name: step.phase.name }));
    syncValue(dom.question, state.question || "");
    dom.question.maxLength = (state.limits && state.limits.question) || 300;
    syncValue(dom.results, state.results || "live");
    show(dom.optionsBox, kind === "poll");
    if (kind === "poll") renderOptions(state);
    setText(dom.close, state.closed ? t.reopen : t.close);
    setText(dom.reveal, state.revealed ? t.unreveal : t.reveal);
    show(dom.reveal, state.results === "hidden");
    setText(dom.total, fmt(t.answers_n, { n: state.total || 0 }) + (state.closed ? " · " + t.closed : ""));
    renderBars(kind === "poll" ? bars(state) : null);
    show(dom.termsTitle, kind === "wordcloud");
    show(dom.terms, kind === "wordcloud");
    show(dom.heldTitle, kind === "wordcloud");
    show(dom.held, kind === "wordcloud");
    show(dom.heldTitle.nextElementSibling, kind === "wordcloud");
    if (kind === "wordcloud") renderWords(state);
  }

  function renderOptions(state) {
    const key = JSON.stringify([state.phase_id, state.options]);
    if (key === optionsKey) return;
    optionsKey = key;
    dom.options.replaceChildren();
    (state.options || []).forEach(function (o) { dom.options.appendChild(optionRow(o, o.text)); });
    if (!dom.options.children.length) {
      dom.options.appendChild(optionRow(null, ""));
      dom.options.appendChild(optionRow(null, ""));
    }
  }

  function renderBars(list) {
    show(dom.bars, !!list);
    if (!list) return;
    dom.bars.replaceChildren.apply(dom.bars, list.map(function (bar) {
      const fill = el("span", { className: "poll-bar-fill" });
      fill.style.width = bar.percent + "%";
      return el("div", { className: "poll-bar" }, [
        el("span", { className: "poll-bar-label", text: bar.text }),
        el("span", { className: "poll-bar-track" }, [fill]),
        el("span", { className: "poll-bar-count", text: bar.count + " · " + bar.percent + "%" })
      ]);
    }));
  }

  function renderWords(state) {
    const terms = Object.keys(state.terms || {}).map(function (k) { return state.terms[k]; })
      .sort(function (a, b) { return b.count - a.count || (a.term < b.term ? -1 : 1); });
    dom.terms.replaceChildren.apply(dom.terms, terms.length ? terms.map(function (term) {
      return el("li", { className: term.hidden ? "hidden-term" : "" }, [
        el("span", { text: term.term + " (" + term.count + ")" }),
        el("button", {
          type: "button",
          className: "button secondary",
          text: term.hidden ? t.show : t.hide,
          "aria-label": (term.hidden ? t.show : t.hide) + ": " + term.term,
          onclick: function (event) { send("wordcloud:hide", { term: term.term, hidden: !term.hidden }, event.currentTarget); }
        })
      ]);
    }) : [el("li", { text: t.none })]);
    const held = state.held || [];
    dom.held.replaceChildren.apply(dom.held, held.length ? held.map(function (entry) {
      return el("li", {}, [
        el("span", { text: entry.text }),
        el("button", {
          type: "button",
          className: "button secondary",
          text: t.release,
          "aria-label": t.release + ": " + entry.text,
          onclick: function (event) { ctx.send("wordcloud:release", { answer_id: entry.id }, { button: event.currentTarget, area: dom.msg }); }
        })
      ]);
    }) : [el("li", { text: t.none })]);
  }

  return { render: render };
}
