/* poll, wordcloud: the phone's panels (templates/participant/_polls.html), shown
 * by shared/activities.js in place of the board while such a step is current. A
 * poll's answer is one tap (changed by another tap while open); a word cloud
 * takes up to the server's number of entries. Answers wait in their own outbox
 * while the phone is offline, each with its client_id, so a resend is counted
 * once (docs/PROTOCOL.md, "Polls and word clouds"). Results show once the poll is
 * closed and its results are shown (the server sends none before). */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { Outbox } from "../shared/outbox.js";
import { activityOf, registerActivity } from "../shared/activities.js";
import { KINDS, bars, stepOf } from "../shared/polls.js";

let phone = null; // what both kinds' panels share: one outbox, the last note

/* The outbox of this phone's answers, made with the first panel shown. */
function shared(ctx) {
  if (phone) return phone;
  const views = {}; // kind -> its render()
  phone = { views: views, note: "", error: "", outbox: null, t: readJSON("polls-strings") };
  const t = phone.t;
  const redraw = function () {
    const kind = activityOf(ctx.store.phase());
    if (views[kind]) views[kind]();
  };
  phone.redraw = redraw;
  phone.outbox = new Outbox({
    storage: storage(),
    key: "urai:polls:" + ctx.config.code,
    send: function (item, done) {
      const payload = Object.assign({}, item);
      delete payload.event;
      ctx.emit(item.event, payload, function (err, reply) {
        done(err, reply);
        const kind = item.event.split(":")[0];
        if (!err && reply && reply.ok) ctx.store.apply({ type: kind + ".mine", data: { phase_id: item.phase_id, mine: reply.mine } });
      });
    },
    canSend: ctx.connected,
    onChange: redraw,
    onStored: function (card, item) {
      phone.error = "";
      phone.note = item.event === "poll:answer" ? t.sent : t.sent_cloud; /* no longer "kept on this phone" */
    },
    onRejected: function (item, error) {
      phone.error = (error && error.message) || t.failed;
      phone.note = "";
      if (item.event === "wordcloud:answer") phone.restore = item.text;
      redraw();
    }
  });
  ctx.store.onChange(function (change) {
    if (change.type === "snapshot") phone.outbox.flush(); /* connected again */
  });
  setInterval(function () { if (phone.outbox.items().length) phone.outbox.flush(); }, 5000);
  phone.outbox.flush(); /* what a reload found kept on this phone */
  return phone;
}

function mount(ctx, root) {
  const p = shared(ctx);
  const t = p.t;
  const q = function (name) { return root.querySelector("[data-poll-" + name + "]"); };
  const kind = root.getAttribute("data-activity");
  const dom = { question: q("question"), note: q("note"), error: q("error"), choices: q("choices"), results: q("results"), form: q("form"), left: q("left"), mine: q("mine") };
  const input = dom.form ? dom.form.querySelector("input") : null;
  let step = null;

  if (dom.form) {
    dom.form.addEventListener("submit", function (event) {
      event.preventDefault();
      const text = input.value.trim();
      if (!step || !text) return;
      input.value = "";
      p.error = "";
      p.note = ctx.connected() ? t.sent_cloud : t.queued;
      p.outbox.add({ event: "wordcloud:answer", phase_id: step.phase.id, text: text });
      draw();
    });
  }

  function choose(option) {
    p.error = "";
    p.note = ctx.connected() ? t.sent : t.queued;
    /* shown at once; the answer confirms it */
    ctx.store.apply({ type: "poll.mine", data: { phase_id: step.phase.id, mine: { choice: option.id, entries: [] } } });
    p.outbox.add({ event: "poll:answer", phase_id: step.phase.id, choice: option.id });
  }

  function draw() {
    const phase = ctx.store.phase();
    if (phase && phase.kind === kind) render(ctx.store.activities[kind], phase);
  }
  p.views[kind] = draw;

  function render(state, phase) {
    step = stepOf(state, phase, ctx.store.workshop);
    setText(dom.question, step.state.question || phase.prompt || phase.name);
    const queued = p.outbox.items().some(function (i) { return i.phase_id === phase.id; });
    setText(dom.note, !step.open ? t.closed : queued && !ctx.connected() ? t.queued : p.note);
    setText(dom.error, p.error);
    if (kind === "poll") renderPoll();
    else renderCloud();
  }

  function renderPoll() {
    const state = step.state;
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
          onclick: function () { if (option.id !== chosen) choose(option); }
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

  function renderCloud() {
    const state = step.state;
    const limits = state.limits || { entry: 60, entries: 3 };
    if (p.restore && !input.value) input.value = p.restore;
    p.restore = "";
    const queued = p.outbox.items().filter(function (i) { return i.phase_id === step.phase.id; });
    const entries = ((state.mine && state.mine.entries) || []).concat(queued.map(function (i) { return { text: i.text, queued: true }; }));
    const left = Math.max(0, limits.entries - entries.length);
    show(dom.form, step.open && left > 0);
    input.maxLength = limits.entry;
    setText(dom.left, fmt(t.left, { n: left }));
    if (step.open && left === 0) setText(dom.note, t.none_left);
    dom.mine.replaceChildren.apply(dom.mine, entries.map(function (entry) {
      return el("li", { text: entry.text + (entry.held ? " (" + t.held + ")" : "") });
    }));
  }

  return { render: render };
}

function storage() {
  try {
    return window.localStorage;
  } catch (e) {
    return null;
  }
}

KINDS.forEach(function (kind) { registerActivity(kind, { mount: mount }); });
