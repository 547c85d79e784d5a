/* poll, wordcloud: the projector's stage (templates/presenter/_polls.html), shown
 * by shared/activities.js in place of the boards while such a step is current:
 * the question large, then the poll's horizontal bars with counts and shares, or
 * the word cloud laid out by wordcloud-layout.js, read from the back row at
 * 1280x720. Results hidden until revealed arrive without counts (the server's
 * policy): the stage then says how many answered and that the facilitator will
 * reveal them. A burst of answers is drawn at most twice a second. */

import { readJSON, el, setText, show, fmt } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KINDS, bars, shownTerms, stepOf } from "../shared/polls.js";
import { layoutCloud } from "./wordcloud-layout.js";

const MAX_TERMS = 50; // the projector shows the most frequent; the report has them all
const DRAW_MS = 500;
let canvas = null;

function mount(ctx, root) {
  const t = readJSON("polls-strings");
  const q = function (name) { return root.querySelector("[data-poll-" + name + "]"); };
  const kind = root.getAttribute("data-activity");
  const dom = { question: q("question"), total: q("total"), bars: q("bars"), cloud: q("cloud"), hidden: q("hidden") };
  let timer = null;
  let cloudKey = "";
  let last = null; // [state, phase] to draw

  window.addEventListener("resize", function () {
    cloudKey = "";
    if (last && !root.hidden) soon();
  });

  /* The first drawing at once, then at most every DRAW_MS. */
  function render(state, phase) {
    last = [state, phase];
    if (!cloudKey && timer === null) draw();
    else soon();
  }

  function soon() {
    if (timer !== null) return;
    timer = setTimeout(function () {
      timer = null;
      if (!root.hidden) draw();
    }, DRAW_MS);
  }

  function draw() {
    const step = stepOf(last[0], last[1], ctx.store.workshop);
    const state = step.state;
    setText(dom.question, state.question || step.phase.prompt || step.phase.name);
    const n = state.total || 0;
    const counted = kind === "poll" ? (n === 1 ? t.answer_one : fmt(t.answers_n, { n: n })) : fmt(t.entries_n, { n: n });
    setText(dom.total, (n ? counted : t.no_answers) + (step.open ? "" : " · " + t.closed));
    const results = kind === "poll" ? bars(state) : state.visible ? shownTerms(state, MAX_TERMS) : null;
    show(dom.hidden, !results);
    show(dom.bars || dom.cloud, !!results);
    if (!results) {
      cloudKey = "";
      return;
    }
    if (kind === "poll") drawBars(results);
    else drawCloud(results);
  }

  function drawBars(list) {
    const texts = JSON.stringify(list.map(function (b) { return b.text; }));
    if (dom.bars.children.length !== list.length || dom.bars.getAttribute("data-options") !== texts) {
      dom.bars.setAttribute("data-options", texts);
      dom.bars.replaceChildren.apply(dom.bars, list.map(function (bar) {
        return el("div", { className: "poll-bar", "data-option": bar.id }, [
          el("span", { className: "poll-bar-label", text: bar.text }),
          el("span", { className: "poll-bar-track" }, [el("span", { className: "poll-bar-fill" })]),
          el("span", { className: "poll-bar-count" })
        ]);
      }));
    }
    dom.bars.style.setProperty("--rows", String(Math.max(2, list.length)));
    cloudKey = "drawn";
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

  return { render: render };
}

function measure(text, size, family) {
  canvas = canvas || document.createElement("canvas");
  const context = canvas.getContext("2d");
  context.font = "700 " + size + "px " + family;
  return context.measureText(text).width;
}

KINDS.forEach(function (kind) { registerActivity(kind, { mount: mount }); });
