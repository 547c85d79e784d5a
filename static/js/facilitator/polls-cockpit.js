/* poll, wordcloud: the cockpit's steering panels (templates/facilitator/_polls.html),
 * shown by shared/activities.js above the boards while such a step is current:
 * the question and options, when results show, closing and reopening, the
 * reveal, the counts as they come, and the word cloud's moderation (hide a term;
 * let through an entry the profanity filter held). Steering events of
 * docs/PROTOCOL.md, "Polls and word clouds". */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KINDS, bars, sortedTerms, stepOf } from "../shared/polls.js";
import { syncValue } from "./facilitator-ui.js";

function mount(ctx, root) {
  const t = readJSON("polls-strings");
  const q = function (name) { return root.querySelector("[data-poll-" + name + "]"); };
  const kind = root.getAttribute("data-activity");
  const dom = {
    title: q("title"),
    form: q("edit"),
    question: q("question"),
    options: q("options"),
    add: q("add"),
    results: q("results"),
    msg: q("msg"),
    close: q("close"),
    reveal: q("reveal"),
    total: q("total"),
    bars: q("bars"),
    terms: q("terms"),
    held: q("held")
  };
  let current = null; // the step drawn
  let optionsKey = "";

  function send(event, payload, button) {
    ctx.send(event, Object.assign({ phase_id: current.phase.id }, payload), { button: button, area: dom.msg });
  }

  dom.form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current) return;
    const payload = { question: dom.question.value, results: dom.results.value };
    if (kind === "poll") payload.options = readOptions();
    ctx.send("poll:save", Object.assign({ phase_id: current.phase.id }, payload), {
      button: dom.form.querySelector("button[type=submit]"),
      area: dom.msg,
      okText: t.saved,
      ok: function () { optionsKey = ""; }
    });
  });
  if (dom.add) {
    dom.add.addEventListener("click", function () {
      const limits = (current && current.state.limits) || {};
      if (dom.options.children.length >= (limits.options || 8)) return;
      dom.options.appendChild(optionRow(null, ""));
      dom.options.lastChild.querySelector("input").focus();
    });
  }
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

  function render(list, phase) {
    const step = (current = stepOf(list, phase, ctx.store.workshop));
    const state = step.state;
    setText(dom.title, fmt(t[kind], { name: phase.name }));
    syncValue(dom.question, state.question || "");
    dom.question.maxLength = (state.limits && state.limits.question) || 300;
    syncValue(dom.results, state.results || "live");
    setText(dom.close, state.closed ? t.reopen : t.close);
    setText(dom.reveal, state.revealed ? t.unreveal : t.reveal);
    show(dom.reveal, state.results === "hidden");
    setText(dom.total, fmt(t.answers_n, { n: state.total || 0 }) + (state.closed ? " · " + t.closed : ""));
    if (kind === "poll") {
      renderOptions(state);
      renderBars(bars(state));
    } else {
      renderWords(state);
    }
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
    const terms = sortedTerms(state, 100, false);
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

KINDS.forEach(function (kind) { registerActivity(kind, { mount: mount }); });
