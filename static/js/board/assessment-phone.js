/* pretest, posttest, evaluation: the phone's panels while such a step is current.
 * A test: the questions (never their right answers while open), one tap a
 * question, final; the answers go through an outbox of their own, kept across a
 * reload or a lost connection, each with its client id (counted once). Once the
 * facilitator closes it, the phone's own score; after the post-test, the right
 * answers and their explanations. An evaluation: the form of each speaker and of
 * the organisation, sent once, anonymously. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { Outbox } from "../shared/outbox.js";
import {
  PRETEST, POSTTEST, EVALUATION, answeredCount, hasSent, keyOf, missingScore, targetsOf, testStatus
} from "../shared/assessment-state.js";

function storage() {
  try { return window.localStorage; } catch (e) { return null; }
}

function outboxFor(ctx, event, key, stored) {
  const box = new Outbox({
    storage: storage(),
    key: "urai:" + key + ":" + ctx.config.code,
    send: function (item, done) {
      ctx.emit(event, item, function (err, reply) {
        if (reply && reply.ok) stored(item, reply);
        done(err, reply);
      });
    },
    canSend: function () { return ctx.connected(); },
    onChange: function () { ctx.store.notify({ type: "assessment.local" }); },
    onRejected: function (item, error) { ctx.store.notify({ type: "assessment.local", data: { error: error } }); }
  });
  /* What waits goes out once connected again (as the card outbox's retries do). */
  setInterval(function () { if (box.items().length) box.flush(); }, 3000);
  return box;
}

function mountTest(ctx, root) {
  const t = readJSON("assessment-strings");
  const stage = root.getAttribute("data-activity");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const rows = {}; // question id -> {node, key}
  let asking = false;
  let lastError = "";
  const outbox = outboxFor(ctx, "test:answer", "test-" + stage, function (item, reply) {
    const state = ctx.store.activities[stage] || {};
    const mine = Object.assign({}, state.mine);
    if (reply.answer) mine[String(item.question_id)] = reply.answer.choice;
    ctx.store.activities[stage] = Object.assign({}, state, { mine: mine });
  });
  ctx.store.onChange(function (change) {
    if (change.type === "assessment.local" && change.data && change.data.error) lastError = change.data.error.message || "";
  });

  function ask(state) {
    /* The questions come when the test opens (the snapshot has them after a reload). */
    if (asking || state.questions || !ctx.connected()) return;
    asking = true;
    ctx.emit("test:questions", {}, function (err, reply) {
      asking = false;
      if (!reply || !reply.ok || reply.test.stage !== stage) return;
      ctx.store.activities[stage] = Object.assign({}, ctx.store.activities[stage], reply.test);
      ctx.store.notify({ type: "assessment.local" });
    });
  }

  function pending() {
    const out = {};
    outbox.items().forEach(function (item) { out[String(item.question_id)] = item.choice; });
    return out;
  }

  function row(question, n, state, waiting, status) {
    const id = String(question.id);
    const chosen = state.mine && id in state.mine ? state.mine[id] : (id in waiting ? waiting[id] : null);
    const key = keyOf(state)[id];
    const sig = JSON.stringify([question, chosen, id in waiting, status, key || null]);
    if (rows[id] && rows[id].sig === sig) return rows[id].node;
    const choices = question.choices.map(function (text, index) {
      let cls = "test-choice";
      if (index === chosen) cls += " chosen";
      if (key && index === key.answer) cls += " right";
      else if (key && index === chosen) cls += " wrong";
      return el("li", {}, [el("button", {
        type: "button",
        className: cls,
        "aria-pressed": String(index === chosen),
        disabled: chosen !== null || status !== "open",
        "data-choice": index,
        text: String.fromCharCode(65 + index) + ". " + text,
        onclick: function () {
          lastError = "";
          outbox.add({ question_id: question.id, choice: index });
        }
      })]);
    });
    const note = chosen === null ? "" : id in waiting && !(state.mine && id in state.mine) ? t.waiting : t.answered;
    const node = el("li", { className: "test-question", "data-question": question.id }, [
      el("p", { className: "test-question-text", text: n + ". " + question.text }),
      el("ol", { className: "test-choices" }, choices),
      note ? el("p", { className: "hint", text: note }) : null,
      key && key.explanation ? el("p", { className: "test-explanation", text: fmt(t.explanation, { text: key.explanation }) }) : null
    ]);
    rows[id] = { sig: sig, node: node };
    return node;
  }

  function render(state, phase) {
    const status = testStatus(state, phase, stage);
    if (status === "open") { ask(state); outbox.flush(); }
    const questions = state.questions || [];
    const waiting = pending();
    setText(q("test-status"), status === "closed" ? t.closed : status === "open" ? t.open : t.waiting_open);
    const done = answeredCount(questions, state.mine, waiting);
    setText(q("test-progress"), questions.length && status === "open" ? fmt(t.progress, { n: done, total: questions.length }) : "");
    const score = state.score;
    show(q("test-score"), !!score);
    if (score) {
      let text = fmt(t.score, { score: score.score, total: score.total });
      if (score.gain !== undefined && score.gain !== null) text += " " + fmt(t.gain, { pre: score.pre, gain: (score.gain > 0 ? "+" : "") + score.gain });
      setText(q("test-score"), text);
    }
    setText(q("test-error"), lastError);
    syncChildren(q("test-questions"), questions.map(function (question, i) { return row(question, i + 1, state, waiting, status); }));
  }

  return { render: render };
}

function mountEvaluation(ctx, root) {
  const t = readJSON("assessment-strings");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const formNode = q("evaluation-form");
  const answers = {}; // target -> {scores, comment}
  let built = null; // the signature of the form drawn
  let lastError = "";
  const outbox = outboxFor(ctx, "evaluation:submit", "evaluation", function (item, reply) {
    const state = ctx.store.activities[EVALUATION] || {};
    const sent = (state.sent || []).concat([reply.phase_id]);
    ctx.store.activities[EVALUATION] = Object.assign({}, state, { sent: sent });
  });
  ctx.store.onChange(function (change) {
    if (change.type === "assessment.local" && change.data && change.data.error) lastError = change.data.error.message || "";
  });

  function scaleRow(target, item, form) {
    const name = target.key + "|" + item.key;
    const labels = form.scale_labels || [];
    const options = [];
    for (let v = 1; v <= form.scale; v += 1) {
      options.push(el("label", { className: "eval-point", title: labels[v - 1] || "" }, [
        el("input", {
          type: "radio", name: name, value: v,
          "aria-label": item.label + ": " + v + " (" + (labels[v - 1] || "") + ")",
          onchange: function () {
            answers[target.key] = answers[target.key] || { scores: {}, comment: "" };
            answers[target.key].scores[item.key] = v;
          }
        }),
        el("span", { text: String(v) })
      ]));
    }
    return el("div", { className: "eval-item", role: "radiogroup", "aria-label": item.label }, [
      el("span", { className: "eval-label", text: item.label }),
      el("span", { className: "eval-scale" }, options)
    ]);
  }

  function build(state, form) {
    const items = state.items || {};
    const parts = targetsOf(form).map(function (target) {
      const title = target.kind === "speaker" ? fmt(t.speaker, { name: target.name }) : t.organisation;
      return el("fieldset", { className: "eval-target", "data-target": target.key }, [
        el("legend", { text: title }),
        ...(items[target.kind] || []).map(function (item) { return scaleRow(target, item, form); }),
        el("label", { className: "eval-comment" }, [
          el("span", { text: t.comment }),
          el("textarea", {
            rows: 2, maxlength: 300,
            oninput: function (event) {
              answers[target.key] = answers[target.key] || { scores: {}, comment: "" };
              answers[target.key].comment = event.target.value;
            }
          })
        ])
      ]);
    });
    syncChildren(q("evaluation-parts"), parts);
    setText(q("evaluation-scale"), fmt(t.scale, { n: form.scale, labels: (form.scale_labels || []).map(function (l, i) { return (i + 1) + " = " + l; }).join(", ") }));
  }

  let asking = false;
  function ask(state, phase) {
    /* A phone that joined before the step was added has not its form yet. */
    if (asking || !phase || (state.forms && state.forms[String(phase.id)] && state.items) || !ctx.connected()) return;
    asking = true;
    ctx.emit("evaluation:state", {}, function (err, reply) {
      asking = false;
      if (!reply || !reply.ok) return;
      ctx.store.activities[EVALUATION] = Object.assign({}, ctx.store.activities[EVALUATION], reply.evaluation);
      ctx.store.notify({ type: "assessment.local" });
    });
  }

  formNode.addEventListener("submit", function (event) {
    event.preventDefault();
    const phase = ctx.store.phase();
    const state = ctx.store.activities[EVALUATION] || {};
    const form = (state.forms || {})[String(phase && phase.id)];
    if (!form) return;
    const missing = missingScore(form, state.items || {}, answers);
    if (missing) {
      lastError = t.missing;
      const box = root.querySelector('[data-target="' + missing.target + '"]');
      if (box) box.scrollIntoView({ block: "center" });
    } else {
      lastError = "";
      outbox.add({ answers: JSON.parse(JSON.stringify(answers)) });
    }
    render(state, phase);
  });

  function render(state, phase) {
    ask(state, phase);
    const form = (state.forms || {})[String(phase && phase.id)] || { scale: 4, speakers: [], organisation: true };
    const sent = hasSent(state, phase && phase.id);
    const queued = outbox.items().length > 0;
    if (!sent && !form.closed) outbox.flush();
    const sig = JSON.stringify([phase && phase.id, form.scale, form.speakers, form.organisation, !!state.items]);
    if (sig !== built) {
      built = sig;
      Object.keys(answers).forEach(function (k) { delete answers[k]; });
      build(state, form);
    }
    show(formNode, !sent && !form.closed && !queued);
    show(q("evaluation-sent"), sent || queued);
    setText(q("evaluation-sent"), sent ? t.sent : queued ? t.sending : "");
    show(q("evaluation-closed"), !!form.closed && !sent);
    setText(q("evaluation-error"), lastError);
  }

  return { render: render };
}

registerActivity(PRETEST, { mount: mountTest });
registerActivity(POSTTEST, { mount: mountTest });
registerActivity(EVALUATION, { mount: mountEvaluation });
