/* The facilitator's page: the entry. One Store kept live by one Stream; every
 * part of the page (facilitator-*.js) is handed what it needs here and
 * redraws from the store. Also the copy buttons, the connection state (in the
 * top bar) and a short live note of each new card for screen readers. */

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
const phases = createPhases(ctx);
const timer = createTimer(ctx);
const bar = createBar(ctx, progress, timer);
const queue = createQueue(ctx);
const selection = createSelection(ctx);
ctx.cardTools.push(selection.tool);
ctx.cardTools.push(function (id) { return planTool(ctx, id); });
ctx.dnd = selection.dnd;
const scoring = createScoring(ctx);
const boards = createBoards(ctx);
const entry = createEntry(ctx);
const causes = createCausesPanel(ctx);
const followUp = createFollowUpPanel(ctx, follow);
follow.onChange(function () { schedule("followup", followUp.render); });

/* The boards and what is worked out from their cards: the queue, the grid, the bar's counts. */
function renderBoards() {
  schedule("boards", function () {
    boards.render();
    selection.render();
  });
  schedule("queue", function () {
    queue.render();
    bar.renderQueue();
    bar.renderProgress();
  });
  schedule("scoring", scoring.render);
}

function renderPeopleCount() {
  totalPeople.textContent = String(store.roster.total || 0);
}

function renderAll() {
  keepFocus(function () {
    phases.render();
    timer.render();
    bar.render();
    boards.render();
    selection.render();
    queue.render();
    scoring.render();
    entry.render();
    causes.render();
    renderPeopleCount();
  });
}

/* What each broadcast changes on this page. */
const HANDLERS = {
  snapshot: renderAll,
  "workshop.updated": renderAll,
  "card.created": function (change) {
    announcer.textContent = t.new_card + ": " + change.data.text;
    renderBoards();
    schedule("parents", entry.renderCards);
  },
  "card.updated": function () {
    renderBoards();
    schedule("parents", entry.renderCards);
    schedule("focus", causes.renderFocus);
  },
  "card.removed": renderBoards,
  "votes.updated": renderBoards,
  "votes.tallied": renderBoards,
  "cluster.updated": renderBoards,
  "cluster.removed": renderBoards,
  "roster.updated": function () {
    renderPeopleCount();
    renderBoards();
  },
  "participant.updated": function () {
    schedule("people", entry.renderPeople);
    renderBoards();
  }
};

store.onChange(function (change) {
  const handler = HANDLERS[change.type];
  if (handler) handler(change);
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

phases.init();
timer.init();
bar.init();
selection.init();
scoring.init();
boards.init();
entry.init();
createSuggestions(ctx).init(); /* it follows the store itself */
causes.init();
createOnAir(ctx); /* it follows the store itself */
createLinksBox();
setInterval(function () {
  timer.tick();
  bar.tick();
}, 1000);
