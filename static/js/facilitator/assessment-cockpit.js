/* pretest, posttest, evaluation: the cockpit's panels while such a step is
 * current. A test: the bank (typed in here, or imported from the Excel template
 * over HTTP; locked once the test has answers), how many phones have
 * answered, the closing, and the results: each participant's score, the
 * average, the gain, each question's share right. An evaluation: its form
 * (scale, speakers, the organisation), how many have sent it, the closing, and
 * the recap (means per item and per speaker, comments), which never names anyone. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { PRETEST, POSTTEST, EVALUATION, bankOf, testStatus } from "../shared/assessment-state.js";

/* A closing asks twice: the first press arms the button (its label says what
 * follows), the second sends; the arming lapses after a few seconds. */
function twoStep(button, question, action) {
  const label = button.textContent;
  let timer = null;
  button.addEventListener("click", function () {
    if (timer === null) {
      button.textContent = question;
      timer = setTimeout(function () { timer = null; button.textContent = label; }, 5000);
      return;
    }
    clearTimeout(timer);
    timer = null;
    button.textContent = label;
    action(button);
  });
}

function number(value) {
  return value === null || value === undefined ? "–" : String(value).replace(".", ",");
}

function percent(value) {
  return value === null || value === undefined ? "–" : number(value) + " %";
}

function mountTest(ctx, root) {
  const t = readJSON("assessment-strings");
  const stage = root.getAttribute("data-activity");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const form = q("bank-form");
  let bankSig = null;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const choices = form.elements.choices.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    const payload = {
      text: form.elements.text.value,
      choices: choices,
      answer: Number(form.elements.answer.value) - 1,
      explanation: form.elements.explanation.value
    };
    ctx.send("test:save", payload, {
      area: q("bank-error"), button: form.querySelector("button[type=submit]"),
      ok: function () { form.reset(); }
    });
  });

  q("bank-import").addEventListener("submit", function (event) {
    event.preventDefault();
    const box = event.target;
    const area = q("import-error");
    setText(area, "");
    if (!box.elements.file.files.length) { setText(area, t.choose_file); return; }
    const body = new FormData();
    body.append("file", box.elements.file.files[0]);
    fetch(box.getAttribute("action"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": root.getAttribute("data-csrf") }
    }).then(function (response) { return response.json(); }).then(function (reply) {
      if (reply.ok) { setText(area, fmt(t.imported, { n: reply.count })); box.reset(); }
      else setText(area, reply.error.message + (reply.error.fields && reply.error.fields.file ? "\n" + reply.error.fields.file : ""));
    }).catch(function () { setText(area, t.import_failed); });
  });

  twoStep(q("test-close"), t.confirm_close, function (button) {
    ctx.send("test:close", { stage: stage }, { area: q("test-error"), button: button });
  });

  function renderBank(bank, locked) {
    const sig = JSON.stringify([bank, locked]);
    if (sig === bankSig) return;
    bankSig = sig;
    syncChildren(q("bank-list"), bank.map(function (question, i) {
      return el("li", { "data-question": question.id }, [
        el("p", { text: question.text }),
        el("ol", { className: "fac-test-choices", type: "A" }, question.choices.map(function (text, index) {
          return el("li", { className: index === question.answer ? "right" : "", text: text + (index === question.answer ? " ✓" : "") });
        })),
        question.explanation ? el("p", { className: "hint", text: question.explanation }) : null,
        locked ? null : el("button", {
          type: "button", className: "button secondary small", text: t.remove,
          onclick: function (event) { ctx.send("test:remove", { id: question.id }, { area: q("bank-error"), button: event.target }); }
        })
      ]);
    }));
    show(form, !locked);
    show(q("bank-import"), !locked);
    setText(q("bank-locked"), locked || "");
  }

  function renderResults(results) {
    show(q("test-results"), !!results);
    if (!results) return;
    const avg = results.average || {};
    setText(q("test-average"), fmt(stage === PRETEST ? t.average_pre : t.average_post, {
      pre: number(avg.pre), post: number(avg.post), gain: number(avg.gain), total: results.total
    }));
    syncChildren(q("test-people"), (results.people || []).map(function (p, i) {
      return el("tr", {}, [
        el("td", { text: String(i + 1) }), el("td", { text: p.name }), el("td", { text: p.agency }),
        el("td", { text: number(p.pre) }), el("td", { text: number(p.post) }), el("td", { text: number(p.gain) })
      ]);
    }));
    syncChildren(q("test-shares"), (results.questions || []).map(function (question, i) {
      return el("tr", {}, [
        el("td", { text: String(i + 1) }), el("td", { text: question.text }),
        el("td", { text: percent(question.pre) }), el("td", { text: percent(question.post) })
      ]);
    }));
  }

  return {
    render: function (state, phase) {
      const status = testStatus(state, phase, stage);
      const bank = bankOf(ctx.store.activities);
      setText(q("test-status"), status === "closed" ? t.closed : t.open);
      setText(q("test-phones"), fmt(t.phones, { n: state.phones || 0, total: ctx.store.roster.total || 0 }));
      show(q("test-close"), status !== "closed");
      renderBank(bank, state.locked || (Object.keys(state.progress || {}).length ? t.locked_answered : null));
      renderResults(status === "closed" ? state.results : null);
    }
  };
}

function mountEvaluation(ctx, root) {
  const t = readJSON("assessment-strings");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const form = q("evaluation-settings");
  let synced = null;
  let recapSig = null;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const phase = ctx.store.phase();
    ctx.send("evaluation:form", {
      phase_id: phase.id,
      scale: Number(form.elements.scale.value),
      speakers: form.elements.speakers.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean),
      organisation: form.elements.organisation.checked
    }, { area: q("evaluation-error"), button: form.querySelector("button[type=submit]"), okText: t.saved });
  });

  twoStep(q("evaluation-close"), t.confirm_close_evaluation, function (button) {
    ctx.send("evaluation:close", { phase_id: ctx.store.phase().id }, { area: q("evaluation-error"), button: button });
  });

  function renderRecap(recap) {
    const sig = JSON.stringify(recap || null);
    if (sig === recapSig) return;
    recapSig = sig;
    show(q("evaluation-recap"), !!recap);
    if (!recap) return;
    syncChildren(q("evaluation-recap"), recap.targets.map(function (target) {
      return el("section", { className: "fac-eval-target" }, [
        el("h3", { text: fmt(t.recap_of, { name: target.name, mean: number(target.mean), scale: recap.scale, n: target.n }) }),
        el("table", { className: "fac-table" }, [
          el("tbody", {}, target.items.map(function (item) {
            return el("tr", {}, [el("td", { text: item.label }), el("td", { text: number(item.mean) })]);
          }))
        ]),
        target.comments.length ? el("ul", { className: "fac-eval-comments" }, target.comments.map(function (c) { return el("li", { text: c }); })) : null
      ]);
    }));
  }

  return {
    render: function (state, phase) {
      const key = String(phase && phase.id);
      const current = (state.forms || {})[key] || { scale: 4, speakers: [], organisation: true, count: 0 };
      const sig = JSON.stringify([key, current.scale, current.speakers, current.organisation]);
      if (sig !== synced) {
        synced = sig;
        form.elements.scale.value = String(current.scale);
        form.elements.speakers.value = (current.speakers || []).join("\n");
        form.elements.organisation.checked = !!current.organisation;
      }
      const fixed = (current.count || 0) > 0 || !!current.closed;
      Array.prototype.forEach.call(form.elements, function (control) { control.disabled = fixed; });
      setText(q("evaluation-count"), fmt(t.forms_sent, { n: current.count || 0, total: ctx.store.roster.total || 0 }));
      show(q("evaluation-close"), !current.closed);
      renderRecap(current.closed ? (state.recaps || {})[key] : null);
    }
  };
}

registerActivity(PRETEST, { mount: mountTest });
registerActivity(POSTTEST, { mount: mountTest });
registerActivity(EVALUATION, { mount: mountEvaluation });
