/* The projector's causes view: one bottleneck's fishbone, or its problem
 * tree (key "T" or the button), as inline SVG built with DOM calls (text goes
 * in as text). Shown while the phase collects causes, taking turns through
 * the analysed bottlenecks at the display's pace, or whenever the facilitator
 * puts one bottleneck on the projector (focus_card_id). Like the columns, the
 * drawing is rebuilt off-screen and swapped in only when it changed. */

import { setText, show, fmt } from "../shared/dom.js";
import { causeTree, causesStage } from "../shared/causes.js";
import { fishboneLayout } from "./layout-fishbone.js";
import { treeLayout } from "./layout-tree.js";
import { estimate } from "./layout-text.js";

const NS = "http://www.w3.org/2000/svg";
const SIZES = { max: 30, min: 20 }; // px: nothing smaller than 20 px on a 1280 x 720 projector

function svg(tag, attrs) {
  const node = document.createElementNS(NS, tag);
  Object.keys(attrs).forEach(function (key) {
    if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, String(attrs[key]));
  });
  return node;
}

/* A measure(text, size, bold) for the layouts, in the figure's own font
 * (the layouts ask again and again while they try sizes: answers are kept). */
function textMeasure(figure) {
  const canvas = document.createElement("canvas").getContext("2d");
  const family = getComputedStyle(figure).fontFamily || "sans-serif";
  if (!canvas) return estimate;
  let known = new Map();
  return function (text, size, bold) {
    const key = size + (bold ? "b" : "") + text;
    let width = known.get(key);
    if (width === undefined) {
      if (known.size > 20000) known = new Map();
      canvas.font = (bold ? "700 " : "400 ") + size + "px " + family;
      width = canvas.measureText(text).width;
      known.set(key, width);
    }
    return width;
  };
}

/* The drawing of a layout (layout-fishbone.js, layout-tree.js). */
export function drawLayout(layout, labelledBy) {
  const root = svg("svg", {
    class: "causes-svg",
    width: layout.width,
    height: layout.height,
    viewBox: "0 0 " + layout.width + " " + layout.height,
    "aria-labelledby": labelledBy
  });
  layout.items.forEach(function (item) {
    if (item.type === "text") {
      const text = svg("text", { x: item.x, y: item.y, class: item.cls, "font-size": item.size, "text-anchor": item.anchor, "data-card": item.card, "data-parent": item.parent, "data-level": item.level });
      item.lines.forEach(function (line, i) {
        const span = svg("tspan", { x: item.x, dy: i ? item.lh : 0 });
        span.textContent = line;
        text.appendChild(span);
      });
      root.appendChild(text);
    } else if (item.type === "rect") {
      root.appendChild(svg("rect", { x: item.x, y: item.y, width: item.w, height: item.h, rx: 10, class: item.cls, "data-card": item.card }));
    } else if (item.type === "line") {
      root.appendChild(svg("line", { x1: item.x1, y1: item.y1, x2: item.x2, y2: item.y2, class: item.cls }));
    } else {
      root.appendChild(svg("path", { d: item.d, class: item.cls }));
    }
  });
  return root;
}

/* parts: {stage, figure, title, count, toggle}; ctx: {t, store, display: {prefs, save}}. */
export function createCauses(parts, ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const prefs = ctx.display.prefs;
  let measure = null;
  let turn = 0;
  let shownKey = null;
  let drawing = null;

  function pick(stage) {
    if (stage.focus) return stage.focus;
    turn = turn % stage.cards.length;
    return stage.cards[turn];
  }

  function box() {
    const top = parts.figure.getBoundingClientRect().top + window.scrollY;
    const width = Math.floor(parts.figure.clientWidth);
    return { width: Math.max(320, width), height: Math.max(360, Math.floor(window.innerHeight - top - 12)) };
  }

  function sectorName(id) {
    const sector = store.sector(id);
    return sector ? sector.name : "";
  }

  /* Draw the causes view, or hide it; returns whether it is on. */
  function render() {
    const stage = causesStage(store);
    const on = stage.cards.length > 0;
    document.body.classList.toggle("causes-mode", on);
    show(parts.stage, on);
    if (!on) return false;
    const card = pick(stage);
    const tree = causeTree(store, card.id);
    setText(parts.title, fmt(prefs.tree ? t.tree_title : t.fishbone_title, { sector: sectorName(card.sector_id) }));
    setText(parts.count, stage.cards.length > 1 ? fmt(t.turn, { n: turn + 1, total: stage.cards.length }) : "");
    parts.toggle.setAttribute("aria-pressed", String(prefs.tree));
    measure = measure || textMeasure(parts.figure);
    const opts = {
      max: SIZES.max,
      min: SIZES.min,
      measure: measure,
      mark: "★",
      legend: t.root_cause,
      more: function (n) { return fmt(t.more, { n: n }); }
    };
    const layout = (prefs.tree ? treeLayout : fishboneLayout)(tree, card.text, box(), opts);
    const key = (prefs.tree ? "tree:" : "fish:") + card.id + ":" + JSON.stringify(layout.items) + layout.width + "x" + layout.height;
    if (key !== shownKey) {
      const fresh = drawLayout(layout, parts.title.id);
      fresh.setAttribute("data-view", prefs.tree ? "tree" : "fishbone");
      fresh.setAttribute("data-card", card.id);
      if (drawing && drawing.parentNode === parts.figure) parts.figure.replaceChild(fresh, drawing);
      else parts.figure.appendChild(fresh);
      drawing = fresh;
      shownKey = key;
    }
    return true;
  }

  function toggleView() {
    prefs.tree = !prefs.tree;
    ctx.display.save();
    render();
  }

  parts.toggle.addEventListener("click", toggleView);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return;
    if ((event.key === "t" || event.key === "T") && !parts.stage.hidden) toggleView();
  });
  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(render, 150);
  });
  setInterval(function () {
    const stage = causesStage(store);
    if (stage.focus || stage.cards.length < 2) return;
    turn += 1;
    render();
  }, prefs.seconds * 1000);

  return { render: render };
}
