/* The projector page's entry: the live boards (presenter-boards.js), their
 * pages turning by themselves (presenter-pages.js), a header with the current
 * phase, its prompt, the phase timer counting down and the totals, the
 * display choices (presenter-display.js), the join strip, results view and
 * spotlight (presenter-stage.js) and, while causes are collected or a
 * bottleneck is in focus, its fishbone (presenter-causes.js). */

import { readJSON, setText, show, debounced, fmt, el } from "../shared/dom.js";
import { Store, formatSeconds, isShown } from "../shared/store.js";
import { Stream } from "../shared/stream.js";
import { createBoards } from "./presenter-boards.js";
import { bindDisplay } from "./presenter-display.js";
import { createCauses } from "./presenter-causes.js";
import { createPager } from "./presenter-pages.js";
import { createStage } from "./presenter-stage.js";
import { createActivitySwitch, isActivityEvent } from "../shared/activities.js";
import "./presenter-activities.js";

const config = readJSON("page-config");
const t = readJSON("present-strings");
const store = new Store({ snapshotSettings: config.rules.snapshot_settings });
const byId = function (id) { return document.getElementById(id); };
const dom = {
  phaseBox: byId("phase-now"),
  phaseName: byId("phase-name"),
  prompt: byId("phase-prompt"),
  note: byId("stage-note"),
  timerBox: byId("timer-box"),
  timer: byId("timer"),
  timerNote: byId("timer-note"),
  people: byId("total-people"),
  bottlenecks: byId("total-bottlenecks"),
  solutions: byId("total-solutions"),
  causes: byId("total-causes"),
  causesBox: byId("total-causes-box"),
  status: byId("connection")
};
const boards = createBoards(byId("boards"), { t: t, store: store, rules: config.rules });
let pager = null;
const display = bindDisplay(byId("boards"), byId("theme-toggle"), byId("rotate-toggle"), window.localStorage, {
  ready: function (column) {
    const body = column.querySelector(".column-body");
    return !pager || !body || pager.atEnd(body.getAttribute("data-pages"));
  },
  staged: function (list) {
    if (!pager) return;
    const keys = [];
    list.forEach(function (column) {
      const body = column.querySelector(".column-body");
      if (!body) return;
      keys.push(body.getAttribute("data-pages"));
      pager.rewind(body.getAttribute("data-pages"));
    });
    pager.refresh(keys);
  },
  group: function (shown) {
    const label = byId("group-no");
    const text = shown ? (shown.from === shown.to ? fmt(t.group_one, shown) : fmt(t.group, shown)) : "";
    if (label.textContent !== text) label.textContent = text;
  }
});
/* Every board column's body, and the results view, page by themselves. */
function viewports() {
  return Array.prototype.slice.call(document.querySelectorAll("#boards .column-body, #results-grid"));
}
/* The cards a column shows on this page: whole units on it, and the solutions under them. */
const ON_PAGE = "li.card:not(.off-page), li.card:not(.off-page) li.solution, .vote-item:not(.off-page), .rank-item:not(.off-page)";

/* "Halaman 2/3" by the results; "2/3" by a column's name (the word for
 * screen readers), and its count says how many of its cards are on the page. */
pager = createPager(viewports, function (viewport, n, total) {
  const column = viewport.closest(".board-column");
  const label = column ? column.querySelector(".page-no") : byId("results-page");
  if (!label) return;
  const count = column ? column.querySelector(".count-cards") : null;
  if (count) {
    const all = Number(count.getAttribute("data-count") || 0);
    const shown = total > 1 ? viewport.querySelectorAll(ON_PAGE).length : all;
    setText(count, shown < all ? fmt(t.cards_of, { n: shown, total: all }) : fmt(t.cards, { n: all }));
  }
  const text = total > 1 ? fmt(t.page, { n: n, total: total }) : "";
  if (label.getAttribute("data-text") === text) return;
  label.setAttribute("data-text", text);
  if (!column || !text) {
    label.textContent = text;
    return;
  }
  const short = n + "/" + total;
  label.replaceChildren(el("span", { className: "visually-hidden", text: text.replace(short, "") }), short);
}, display.prefs.pageSeconds);
const stage = createStage(
  {
    joinToggle: byId("join-toggle"),
    resultsToggle: byId("results-toggle"),
    results: byId("results"),
    resultsGrid: byId("results-grid"),
    spotlight: byId("spotlight"),
    spotText: byId("spotlight-text"),
    spotMeta: byId("spotlight-meta")
  },
  { t: t, store: store, pager: pager, joinShown: readJSON("join-shown") }
);
const causes = createCauses(
  { stage: byId("causes-stage"), figure: byId("causes-figure"), title: byId("causes-title"), count: byId("causes-count"), toggle: byId("causes-view") },
  { t: t, store: store, display: display }
);

/* While the current phase is an activity (attendance...), its panel in place of the boards
   (and of a spotlight pinned into that step: the room answers the activity). */
const activities = createActivitySwitch({ store: store, t: t }, {
  find: function (kind) { return document.querySelector('[data-activity="' + kind + '"]'); },
  normal: [byId("boards"), byId("results"), byId("causes-stage"), byId("spotlight")]
});

function renderTimer() {
  const w = store.workshop;
  const left = store.timerLeft();
  show(dom.timerBox, left !== null);
  if (left === null) return;
  const up = left === 0;
  const paused = !w.timer.running && !up;
  setText(dom.timer, formatSeconds(left));
  dom.timerBox.classList.toggle("paused", paused);
  dom.timerBox.classList.toggle("ended", up);
  dom.timerBox.classList.toggle("last-minute", !up && left <= 60);
  setText(dom.timerNote, paused ? t.paused : up ? (w.timer.lock ? t.time_up_locked : t.time_up) : "");
}

/* One line under the prompt about what the room cannot see or do now. */
function stageNote(w) {
  if (w.settings.concealed) return t.concealed;
  if (w.open && w.open.voting && !w.settings.votes_revealed) return t.votes_hidden;
  if (w.settings.locked) return t.locked_all;
  return "";
}

function renderHeader() {
  const w = store.workshop;
  if (!w) return;
  const phase = store.phase();
  setText(dom.phaseName, phase ? phase.name : "");
  setText(dom.prompt, phase ? phase.prompt : "");
  setText(dom.note, stageNote(w));
  show(dom.phaseBox, !!phase || !!dom.note.textContent);
  renderTimer();
  setText(dom.people, store.roster.total || 0);
  const n = totals();
  setText(dom.bottlenecks, n.bottleneck);
  setText(dom.solutions, n.solution);
  setText(dom.causes, n.cause);
  show(dom.causesBox, n.cause > 0);
}

/* The shown cards of each kind: each counted under its own name. */
function totals() {
  const n = { bottleneck: 0, solution: 0, cause: 0 };
  for (const id in store.cards) {
    const card = store.cards[id];
    if (card.kind in n && isShown(card)) n[card.kind] += 1;
  }
  return n;
}

/* Which boards a change touched, gathered until the next drawing: a card's
 * board (and the board it left, and its parent's), a tally's, a cluster's.
 * Anything else may change every column (a phase, a setting, a snapshot). */
const touched = createTouched();
store.onChange(function (change) {
  if (change.type === "join.shown") stage.joinShown(change.data);
  touched.note(change);
});

function createTouched() {
  const sectorOf = {}; // card id -> board, as last drawn
  let dirty = null; // null: every board
  let all = true;
  function mark(id) {
    if (id !== null && id !== undefined && !all) dirty[id] = true;
  }
  function card(id) {
    const now = store.cards[id];
    mark(sectorOf[id]);
    if (!now) {
      delete sectorOf[id];
      return;
    }
    sectorOf[id] = now.sector_id;
    mark(now.sector_id);
    if (now.parent_id && store.cards[now.parent_id]) mark(store.cards[now.parent_id].sector_id);
  }
  const NONE = { "roster.updated": true, "spotlight.updated": true, "join.shown": true, "participant.updated": true, "voting.progress": true, "followup.updated": true, "followup.progress": true, my_votes: true };
  return {
    note: function (change) {
      const d = change.data || {};
      if (NONE[change.type] || isActivityEvent(change.type)) return;
      if (change.type === "card.created" || change.type === "card.updated" || change.type === "card.removed") card(d.id);
      else if (change.type === "votes.updated") card(d.card_id);
      else if (change.type === "votes.tallied") mark(d.sector_id);
      else if (change.type === "cluster.updated" || change.type === "cluster.removed" || change.type === "board.shown") mark(d.sector_id);
      else if (change.type && change.type.indexOf("proposal.") === 0) return;
      else all = true;
    },
    /* The boards touched since the last call ({id: true}), or null for all. */
    take: function () {
      const out = all ? null : dirty;
      if (all) Object.keys(store.cards).forEach(function (id) { sectorOf[id] = store.cards[id].sector_id; });
      all = false;
      dirty = {};
      return out;
    }
  };
}

/* The timer alone changes nothing in the columns: the header counts it down.
 * Only the boards a change touched are drawn and paged again. */
store.onChange(debounced(function () {
  const dirty = touched.take();
  const changed = boards.render(dirty);
  display.stage();
  renderHeader();
  const results = stage.render();
  causes.render();
  activities.render();
  if (dirty === null) pager.refresh();
  else pager.refresh(results ? changed.concat(["results"]) : changed);
}));

new Stream({
  code: config.code,
  store: store,
  sectorId: function () { return null; },
  onStatus: function (state) {
    dom.status.className = "connection " + state;
    dom.status.textContent = state === "online" ? "" : t.offline;
  }
});

setInterval(function () {
  if (store.workshop) renderTimer();
}, 1000);

/* The operator's buttons are for whoever holds the mouse, not for the room:
 * they show while the pointer moves and go OPERATOR_MS after it stops. */
const OPERATOR_MS = 3000;
let still = null;
function operatorHere() {
  document.body.classList.add("pointer-active");
  clearTimeout(still);
  still = setTimeout(function () { document.body.classList.remove("pointer-active"); }, OPERATOR_MS);
}
document.addEventListener("mousemove", operatorHere);
document.addEventListener("pointerdown", operatorHere);

// The bundled typeface may arrive after the first layout (font-display: swap):
// the boards' pages, the spotlight and the fishbone are measured again then,
// as after a resize.
if (document.fonts) {
  document.fonts.addEventListener("loadingdone", function () {
    window.dispatchEvent(new Event("resize"));
  });
}
