/* The phone's poll and word-cloud panel (templates/participant/_polls.html):
 * while the current phase is a poll or a word cloud, it shows instead of the
 * board. A poll's answer is one tap (changed by another tap while open); a word
 * cloud takes up to the server's number of entries. Answers wait in their own
 * outbox while the phone is offline, each with its client_id, so a resend is
 * counted once (docs/PROTOCOL.md, "Polls and word clouds"). Results show once the
 * poll is closed and its results are shown (the server sends none before). */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { Outbox } from "../shared/outbox.js";
import { Polls, activeStep, bars } from "../shared/polls.js";

export function createPhonePolls(ctx) {
  const t = readJSON("polls-strings");
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    panel: byId("poll-phone"),
    question: byId("poll-question"),
    note: byId("poll-note"),
    choices: byId("poll-choices"),
    form: byId("wordcloud-form"),
    input: byId("wordcloud-text"),
    left: byId("wordcloud-left"),
    error: byId("poll-error"),
    mine: byId("wordcloud-mine"),
    results: byId("poll-results")
  };
  if (!dom.panel) return null;
  const polls = new Polls();
  const store = ctx.store;
  let sentNote = "";

  const outbox = new Outbox({
    storage: storage(),
    key: "urai:polls:" + ctx.config.code,
    send: function (item, done) {
      const payload = Object.assign({}, item);
      delete payload.event;
      ctx.emit(item.event, payload, function (err, reply) {
        done(err, reply);
        if (!err && reply && reply.ok) polls.setMine(item.phase_id, reply.mine);
      });
    },
    canSend: ctx.connected,
    onChange: render,
    onStored: function (card, item) {
      setText(dom.error, "");
      sentNote = item.event === "poll:answer" ? t.sent : t.sent_cloud; /* no longer "kept on this phone" */
    },
    onRejected: function (item, error) {
      setText(dom.error, (error && error.message) || t.failed);
      if (item.event === "wordcloud:answer" && !dom.input.value) dom.input.value = item.text;
      sentNote = "";
      render();
    }
  });

  store.onChange(function (change) {
    if (change.type === "snapshot") {
      polls.load(store.activities);
      outbox.flush();
    } else if (!polls.apply(change.type, change.data) && change.type === "workshop.updated") {
      render();
    }
  });
  polls.onChange(render);
  setInterval(function () { if (outbox.items().length) outbox.flush(); }, 5000);

  dom.form.addEventListener("submit", function (event) {
    event.preventDefault();
    const step = activeStep(store.workshop, polls);
    const text = dom.input.value.trim();
    if (!step || !text) return;
    dom.input.value = "";
    setText(dom.error, "");
    sentNote = ctx.connected() ? t.sent_cloud : t.queued;
    outbox.add({ event: "wordcloud:answer", phase_id: step.phase.id, text: text });
    render();
  });

  function choose(step, option) {
    setText(dom.error, "");
    sentNote = ctx.connected() ? t.sent : t.queued;
    step.state.mine = { choice: option.id, entries: [] }; /* shown at once; the answer confirms it */
    outbox.add({ event: "poll:answer", phase_id: step.phase.id, choice: option.id });
    render();
  }

  function render() {
    const step = activeStep(store.workshop, polls);
    if (step) document.body.setAttribute("data-activity", step.phase.kind);
    else if (document.body.getAttribute("data-activity") === "poll" || document.body.getAttribute("data-activity") === "wordcloud") document.body.removeAttribute("data-activity");
    show(dom.panel, !!step);
    if (!step) return;
    const state = step.state;
    setText(dom.question, state.question || step.phase.prompt || step.phase.name);
    const queued = outbox.items().some(function (i) { return i.phase_id === step.phase.id; });
    setText(dom.note, !step.open ? t.closed : queued && !ctx.connected() ? t.queued : sentNote);
    if (step.phase.kind === "poll") renderPoll(step);
    else renderCloud(step);
  }

  function renderPoll(step) {
    const state = step.state;
    show(dom.form, false);
    show(dom.mine, false);
    show(dom.choices, true);
    const chosen = state.mine ? state.mine.choice : null;
    const key = JSON.stringify([state.options, chosen, step.open]);
    if (dom.choices.getAttribute("data-key") !== key) {
      dom.choices.setAttribute("data-key", key);
      dom.choices.replaceChildren.apply(dom.choices, (state.options || []).map(function (option) {
        return el("button", {
          type: "button",
          className: "button secondary poll-choice" + (option.id === chosen ? " chosen" : ""),
          "aria-pressed": option.id === chosen ? "true" : "false",
          disabled: !step.open,
          text: option.text,
          onclick: function () { if (option.id !== chosen) choose(step, option); }
        });
      }));
    }
    const shown = !step.open ? bars(state) : null;
    show(dom.results, !!shown);
    if (shown) drawBars(dom.results, shown, chosen);
  }

  function drawBars(box, list, chosen) {
    box.replaceChildren.apply(box, [el("h3", { text: t.results })].concat(list.map(function (bar) {
      const fill = el("span", { className: "poll-bar-fill" });
      fill.style.width = bar.percent + "%";
      return el("div", { className: "poll-bar" + (bar.id === chosen ? " chosen" : "") }, [
        el("span", { className: "poll-bar-label", text: bar.text + (bar.id === chosen ? " (" + t.chosen + ")" : "") }),
        el("span", { className: "poll-bar-track" }, [fill]),
        el("span", { className: "poll-bar-count", text: bar.count + " · " + bar.percent + "%" })
      ]);
    })));
  }

  function renderCloud(step) {
    const state = step.state;
    const limits = state.limits || { entry: 60, entries: 3 };
    show(dom.choices, false);
    show(dom.results, false);
    show(dom.mine, true);
    const queued = outbox.items().filter(function (i) { return i.phase_id === step.phase.id; });
    const entries = ((state.mine && state.mine.entries) || []).concat(queued.map(function (i) { return { text: i.text, queued: true }; }));
    const left = Math.max(0, limits.entries - entries.length);
    show(dom.form, step.open && left > 0);
    dom.input.maxLength = limits.entry;
    setText(dom.left, fmt(t.left, { n: left }));
    if (step.open && left === 0) setText(dom.note, t.none_left);
    dom.mine.replaceChildren.apply(dom.mine, entries.map(function (entry) {
      return el("li", { text: entry.text + (entry.held ? " (" + t.held + ")" : "") });
    }));
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  return { render: render, flush: function () { outbox.flush(); } };
}
