/* The projector's poll and word-cloud stage (templates/presenter/_polls.html):
 * while the current phase is a poll or a word cloud, the question large, then
 * the poll's horizontal bars with counts and shares, or the word cloud laid out
 * by wordcloud-layout.js, read from the back row at 1280x720. Results hidden
 * until revealed arrive without counts (the server's policy): the stage then
 * says how many answered and that the facilitator will reveal them. A burst of
 * answers is drawn at most twice a second. */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { Polls, activeStep, bars, shownTerms } from "../shared/polls.js";
import { layoutCloud } from "./wordcloud-layout.js";

const MAX_TERMS = 50; // the projector shows the most frequent; the report has them all
const DRAW_MS = 500;

export function createProjectorPolls(store) {
  const t = readJSON("polls-strings");
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    stage: byId("poll-stage"),
    question: byId("poll-stage-question"),
    total: byId("poll-stage-total"),
    bars: byId("poll-stage-bars"),
    cloud: byId("poll-stage-cloud"),
    hidden: byId("poll-stage-hidden")
  };
  if (!dom.stage) return null;
  const polls = new Polls();
  let timer = null;
  let cloudKey = "";
  let canvas = null;

  store.onChange(function (change) {
    if (change.type === "snapshot") polls.load(store.activities);
    else if (!polls.apply(change.type, change.data) && change.type !== "workshop.updated") return;
    soon();
  });
  window.addEventListener("resize", function () { cloudKey = ""; soon(); });

  function soon() {
    if (timer !== null) return;
    timer = setTimeout(function () {
      timer = null;
      draw();
    }, cloudKey ? DRAW_MS : 0);
  }

  function draw() {
    const step = activeStep(store.workshop, polls);
    if (step) document.body.setAttribute("data-activity", step.phase.kind);
    else if (["poll", "wordcloud"].indexOf(document.body.getAttribute("data-activity")) !== -1) document.body.removeAttribute("data-activity");
    show(dom.stage, !!step);
    if (!step) {
      cloudKey = "";
      return;
    }
    const state = step.state;
    setText(dom.question, state.question || step.phase.prompt || step.phase.name);
    const n = state.total || 0;
    const counted = step.phase.kind === "poll" ? (n === 1 ? t.answer_one : fmt(t.answers_n, { n: n })) : fmt(t.entries_n, { n: n });
    setText(dom.total, (n ? counted : t.no_answers) + (step.open ? "" : " · " + t.closed));
    const results = step.phase.kind === "poll" ? bars(state) : state.visible ? shownTerms(state, MAX_TERMS) : null;
    show(dom.hidden, !results);
    show(dom.bars, !!results && step.phase.kind === "poll");
    show(dom.cloud, !!results && step.phase.kind === "wordcloud");
    if (!results) return;
    if (step.phase.kind === "poll") drawBars(results);
    else drawCloud(results);
  }

  function drawBars(list) {
    const rows = dom.bars.children;
    if (rows.length !== list.length || dom.bars.getAttribute("data-options") !== JSON.stringify(list.map(function (b) { return b.text; }))) {
      dom.bars.setAttribute("data-options", JSON.stringify(list.map(function (b) { return b.text; })));
      dom.bars.replaceChildren.apply(dom.bars, list.map(function (bar) {
        return el("div", { className: "poll-bar", "data-option": bar.id }, [
          el("span", { className: "poll-bar-label", text: bar.text }),
          el("span", { className: "poll-bar-track" }, [el("span", { className: "poll-bar-fill" })]),
          el("span", { className: "poll-bar-count" })
        ]);
      }));
    }
    dom.bars.style.setProperty("--rows", String(Math.max(2, list.length)));
    /* Update only the bars: the widths glide, the labels stay put. */
    list.forEach(function (bar, i) {
      const row = dom.bars.children[i];
      row.querySelector(".poll-bar-fill").style.width = bar.percent + "%";
      setText(row.querySelector(".poll-bar-count"), bar.count + " · " + bar.percent + "%");
    });
  }

  function drawCloud(terms) {
    const width = Math.floor(dom.cloud.clientWidth);
    const height = Math.floor(dom.cloud.clientHeight);
    const key = JSON.stringify([width, height, terms.map(function (x) { return [x.term, x.count]; })]);
    if (key === cloudKey || !width || !height) return;
    cloudKey = key;
    const family = window.getComputedStyle(dom.cloud).fontFamily;
    const cloud = layoutCloud(terms, width, height, function (text, size) { return measure(text, size, family); }, { min: 28, max: 140 });
    dom.cloud.replaceChildren.apply(dom.cloud, cloud.placed.map(function (word) {
      const node = el("span", { className: "wordcloud-word", text: word.term, title: word.count });
      node.style.left = word.x + 3 + "px";
      node.style.top = word.y + 3 + "px";
      node.style.fontSize = word.size + "px";
      return node;
    }));
  }

  function measure(text, size, family) {
    canvas = canvas || document.createElement("canvas");
    const context = canvas.getContext("2d");
    context.font = "700 " + size + "px " + family;
    return context.measureText(text).width;
  }

  return { draw: draw };
}
