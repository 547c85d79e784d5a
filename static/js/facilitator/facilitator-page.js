/* The facilitator's page, a cockpit: the entry. One Store kept live by one
 * Stream; every part of the page (facilitator-*.js) is handed what it needs
 * here. An event redraws what it changed: the card it names (in its one
 * list), the queue and the bar's counts; a part in a closed tab draws when its
 * tab opens. Also the copy buttons, the connection state (in the top bar)
 * and a short live note of each new card for screen readers. */

import { readJSON, keepFocus } from "../shared/dom.js";
import { Store } from "../shared/store.js";
import { Stream } from "../shared/stream.js";
import { makeSend, schedule } from "./facilitator-ui.js";
import { createPhases } from "./facilitator-phases.js";
import { createTimer } from "./facilitator-timer.js";
import { createBoards } from "./facilitator-boards.js";
import { createEntry } from "./facilitator-entry.js";
import { createSuggestions } from "./facilitator-suggestions.js";
import { createCausesPanel } from "./facilitator-bones.js";
import { FollowUp, alongside } from "../shared/followup.js";
import { createFollowUpPanel } from "./facilitator-followup.js";
import { VotingProgress } from "./facilitator-model.js";
import { createBar } from "./facilitator-bar.js";
import { createQueue } from "./facilitator-queue.js";
import { createSelection } from "./facilitator-select.js";
import { createScoring } from "./facilitator-scoring.js";
import { createOnAir } from "./facilitator-onair.js";
import { createLinksBox } from "./facilitator-links.js";
import { planTool } from "./facilitator-plan.js";
import { createMenu } from "./facilitator-menu.js";
import { createTabs } from "./facilitator-tabs.js";
import { createKeys } from "./facilitator-keys.js";
import { createActivitySwitch, isActivityEvent } from "../shared/activities.js";
import "./facilitator-activities.js";

const config = readJSON("page-config");
const t = readJSON("facilitator-strings");
const status = document.getElementById("connection");
const announcer = document.getElementById("announcer");
const totalPeople = document.getElementById("total-people");
const store = new Store({ snapshotSettings: config.rules.snapshot_settings });
const follow = new FollowUp(); /* every planned solution's status, and the progress per agency */
const progress = new VotingProgress(); /* how many have voted: sent to steering only */

function showStatus(state, detail) {
  status.className = "connection " + state;
  if (state === "online") status.textContent = t.online;
  else if (state === "offline") status.textContent = t.offline;
  else status.textContent = (detail && detail.message) || t.refused;
}

const stream = new Stream({ code: config.code, store: alongside(alongside(store, follow), progress), sectorId: function () { return null; }, onStatus: showStatus });
// The server cut this page off (its link was revoked): it will not reconnect by itself.
stream.socket.on("disconnect", function (reason) {
  if (reason === "io server disconnect") showStatus("refused", { message: t.closed });
});

const ctx = { config: config, rules: config.rules, viewer: config.viewer, t: t, store: store, send: makeSend(stream, t), cardTools: [] };
const tabs = createTabs();
const phases = createPhases(ctx);
const timer = createTimer(ctx);
const bar = createBar(ctx, progress, timer);
const queue = createQueue(ctx);
const selection = createSelection(ctx);
ctx.cardTools.push(selection.tool);
ctx.cardTools.push(function (id) { return planTool(ctx, id); });
ctx.dnd = selection.dnd;
ctx.menu = createMenu(ctx);
const scoring = createScoring(ctx);
const boards = createBoards(ctx);
const entry = createEntry(ctx);
const causes = createCausesPanel(ctx);
const followUp = createFollowUpPanel(ctx, follow);
const suggestions = createSuggestions(ctx);
/* While the current phase is an activity (attendance...), its steering panel above the boards. */
const activities = createActivitySwitch(ctx, {
  find: function (kind) { return document.querySelector('[data-activity="' + kind + '"]'); }
});
const keys = createKeys(ctx, { timer: timer, queue: queue, menu: ctx.menu, tabs: tabs });
follow.onChange(function () { schedule("followup", followUp.render); });

function seen(name) {
  return tabs.current() === name;
}

/* What is worked out from every card: the queue, the bar's counts, and the
 * parts of closed tabs when they are open (the USG grid, the paper card's lists). */
function renderDerived() {
  schedule("queue", function () {
    queue.render();
    bar.renderQueue();
    bar.renderProgress();
    selection.render();
  });
  if (seen("scoring")) schedule("scoring", scoring.render);
  if (seen("paper")) schedule("parents", entry.renderCards);
}

function renderPeopleCount() {
  totalPeople.textContent = String(store.roster.total || 0);
}

/* The tab this phase works in says so ("now"): the USG grid while the phase ranks. */
function renderTabNotes() {
  const phase = store.phase();
  const note = document.querySelector('[data-tab-note="scoring"]');
  if (note) note.textContent = phase && phase.ranks ? " · " + t.now : "";
}

function renderAll() {
  keepFocus(function () {
    renderTabNotes();
    phases.render();
    timer.render();
    bar.render();
    boards.render();
    selection.render();
    queue.render();
    if (seen("scoring")) scoring.render();
    if (seen("paper")) entry.render();
    causes.render();
    renderPeopleCount();
    activities.render();
  });
}

/* One card changed: its node, then what is counted from the cards. */
function cardChanged(change) {
  keepFocus(function () { boards.cardChanged(change.data); });
  ctx.menu.cardChanged(change.data.id);
  renderDerived();
}

/* What each broadcast changes on this page. */
const HANDLERS = {
  snapshot: renderAll,
  "workshop.updated": renderAll,
  "card.created": function (change) {
    announcer.textContent = t.new_card + ": " + change.data.text;
    cardChanged(change);
  },
  "card.updated": function (change) {
    cardChanged(change);
    schedule("focus", causes.renderFocus);
  },
  "card.removed": function (change) {
    boards.cardRemoved(change.data);
    ctx.menu.cardChanged(change.data.id);
    renderDerived();
  },
  "votes.updated": function (change) {
    boards.votesChanged([change.data.card_id]);
    if (seen("scoring")) schedule("scoring", scoring.render);
  },
  "votes.tallied": function (change) {
    boards.votesChanged(Object.keys(change.data.tallies).map(Number));
    if (seen("scoring")) schedule("scoring", scoring.render);
  },
  "cluster.updated": function (change) {
    boards.clusterChanged(change.data.sector_id);
    renderDerived();
  },
  "cluster.removed": function (change) {
    boards.clusterChanged(change.data.sector_id);
    renderDerived();
  },
  "spotlight.updated": function () {
    boards.repaint(lit.concat([store.spotlight]).filter(Boolean));
    lit = store.spotlight ? [store.spotlight] : [];
  },
  "roster.updated": function () {
    renderPeopleCount();
    schedule("activity", activities.render);
    boards.heads();
    schedule("queue", bar.renderProgress);
  },
  "participant.updated": function () {
    if (seen("paper")) schedule("people", entry.renderPeople);
  }
};
let lit = []; // the card in the spotlight, to repaint when it leaves

store.onChange(function (change) {
  if (change.type === "snapshot") lit = store.spotlight ? [store.spotlight] : [];
  const handler = HANDLERS[change.type];
  if (handler) handler(change);
  else if (isActivityEvent(change.type)) keepFocus(function () { activities.render(change); });
});

/* A closed tab's part draws when its tab opens. */
tabs.onShow(function (name) {
  if (name === "scoring") schedule("scoring", scoring.render);
  if (name === "paper") schedule("people", entry.render);
  if (name === "suggestions") suggestions.shown(true);
  else suggestions.shown(false);
});

/* Link creation times are written in UTC by the server: show them in local time. */
document.querySelectorAll("time[data-local-time]").forEach(function (node) {
  const when = new Date(node.getAttribute("datetime"));
  if (!isNaN(when.getTime())) {
    node.textContent = when.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  }
});

document.querySelectorAll("[data-copy]").forEach(function (b) {
  b.addEventListener("click", function () {
    const target = document.getElementById(b.getAttribute("data-copy"));
    if (!target) return;
    target.select();
    try {
      document.execCommand("copy");
      b.textContent = t.copied;
    } catch (e) {
      /* the text stays selected for a manual copy */
    }
  });
});

tabs.init();
phases.init();
timer.init();
bar.init();
selection.init();
scoring.init();
boards.init();
entry.init();
suggestions.init(); /* it follows the store itself, and asks only while its tab is open */
causes.init();
createOnAir(ctx); /* it follows the store itself */
createLinksBox();
ctx.menu.init();
keys.init();
setInterval(function () {
  timer.tick();
  bar.tick();
}, 1000);
