/* pretest, posttest, evaluation: the projector while such a step is current. A
 * test: how many phones have answered; once closed, the room's average and each
 * question's share right (never a name, never a phone's score). An evaluation:
 * how many have sent the form, which stays anonymous. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { PRETEST, POSTTEST, EVALUATION, testStatus } from "../shared/assessment-state.js";

function number(value) {
  return value === null || value === undefined ? "–" : String(value).replace(".", ",");
}

function mountTest(ctx, root) {
  const t = readJSON("assessment-strings");
  const stage = root.getAttribute("data-activity");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  return {
    render: function (state) {
      const status = testStatus(state, ctx.store.phase(), stage);
      setText(q("test-count"), String(state.phones || 0));
      setText(q("test-status"), status === "closed" ? t.closed : t.answer_now);
      const closed = status === "closed" && state.average;
      show(q("test-results"), !!closed);
      if (!closed) return;
      const mean = stage === PRETEST ? state.average.pre : state.average.post;
      setText(q("test-average"), fmt(t.average, { mean: number(mean), total: state.total }));
      syncChildren(q("test-shares"), (state.questions_right || []).map(function (question, i) {
        const share = stage === PRETEST ? question.pre : question.post;
        const bar = el("span", { className: "test-share-bar" });
        bar.style.setProperty("--share", (share || 0) + "%"); /* CSSOM: allowed by the CSP */
        return el("li", {}, [
          el("span", { className: "test-share-text", text: (i + 1) + ". " + question.text }),
          bar,
          el("strong", { text: share === null || share === undefined ? "–" : number(share) + " %" })
        ]);
      }));
    }
  };
}

function mountEvaluation(ctx, root) {
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  return {
    render: function (state, phase) {
      const form = (state.forms || {})[String(phase && phase.id)] || {};
      setText(q("evaluation-count"), String(form.count || 0));
    }
  };
}

registerActivity(PRETEST, { mount: mountTest });
registerActivity(POSTTEST, { mount: mountTest });
registerActivity(EVALUATION, { mount: mountEvaluation });
