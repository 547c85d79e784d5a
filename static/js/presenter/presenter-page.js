/* The projector page's entry: the live boards (presenter-boards.js), their
 * pages turning by themselves (presenter-pages.js), a header with the current
 * phase, its prompt, the phase timer counting down and the totals, the
 * display choices (presenter-display.js), the join strip, results view and
 * spotlight (presenter-stage.js) and, while causes are collected or a
 * bottleneck is in focus, its fishbone (presenter-causes.js). */

import { readJSON, setText, show, debounced, fmt } from "../shared/dom.js";
import { Store, formatSeconds, isShown } from "../shared/store.js";
import { Stream } from "../shared/stream.js";
import { createBoards } from "./presenter-boards.js";
import { bindDisplay } from "./presenter-display.js";
import { createCauses } from "./presenter-causes.js";
import { createPager } from "./presenter-pages.js";
import { createStage } from "./presenter-stage.js";

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
  cards: byId("total-cards"),
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
    list.forEach(function (column) {
      const body = column.querySelector(".column-body");
      if (body) pager.rewind(body.getAttribute("data-pages"));
    });
    pager.refresh();
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
pager = createPager(viewports, function (viewport, n, total) {
  const column = viewport.closest(".board-column");
  const label = column ? column.querySelector(".page-no") : byId("results-page");
  if (label) label.textContent = total > 1 ? fmt(t.page, { n: n, total: total }) : "";
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
  setText(dom.cards, store.list(isShown).length);
}

/* The facilitator's "Tampilkan QR" is heard before the stage is drawn again. */
store.onChange(function (change) {
  if (change.type === "join.shown") stage.joinShown(change.data);
});

/* The timer alone changes nothing in the columns: the header counts it down. */
store.onChange(debounced(function () {
  boards.render();
  display.stage();
  renderHeader();
  stage.render();
  causes.render();
  pager.refresh();
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
