/* The proposal workspace page's entry, on a phone and on the facilitator's
 * laptop: it keeps the socket in step (stream.js), holds the proposals and
 * the drafts (proposals.js) beside the cards (store.js, for the solutions
 * the facilitator promotes), and draws the editor and what is around it. */

import { debounced, readJSON } from "../shared/dom.js";
import { Store } from "../shared/store.js";
import { Stream } from "../shared/stream.js";
import { ProposalDesk } from "./proposals.js";
import { createEditor } from "./proposal-editor.js";
import { createHistory } from "./proposal-history.js";
import { createIid } from "./proposal-iid.js";
import { createSide } from "./proposal-side.js";

const config = readJSON("page-config");
const t = readJSON("proposal-strings");
const store = new Store({ snapshotSettings: config.rules.snapshot_settings });
const desk = new ProposalDesk({ storage: safeStorage(), key: "urai:proposal:" + config.code + ":" });
const steering = config.viewer.kind === "steering";
const status = document.getElementById("connection");
const errorBox = document.getElementById("proposal-error");
let wanted = config.proposals.open; // the proposal to open once the list is known
let renderQueued = false;

function safeStorage() {
  try {
    return window.localStorage;
  } catch (e) {
    return null;
  }
}

const ctx = {
  config: config,
  t: t,
  store: store,
  desk: desk,
  save: function (key) {
    const payload = desk.outgoing(key);
    if (!payload) return;
    if (!stream.connected) {
      desk.failed(key); // kept on this phone; sent after the next sync
      return;
    }
    stream.emit("proposal:save", payload, 10000, function (err, reply) {
      if (err) desk.failed(key);
      else desk.answered(key, reply);
    });
  },
  assess: function (change) {
    if (!desk.open) return;
    const payload = Object.assign({ proposal_id: desk.open.id }, change);
    desk.assess(change); // shown at once
    stream.emit("proposal:assess", payload, 10000, function (err, reply) {
      if (!err && reply.ok) return desk.assessed(change, reply.assessment);
      desk.assessed(change, null);
      say(err ? t.failed : reply.error.message);
      fetchOpen(); // what is shown goes back to what is stored
    });
  },
  openProposal: function (id) {
    wanted = id;
    if (window.history.replaceState) window.history.replaceState(null, "", "?p=" + id + sectorQuery());
    fetchOpen();
  },
  promote: function (cardId) {
    stream.emit("proposal:promote", { card_id: cardId }, 10000, function (err, reply) {
      if (err || !reply.ok) return say(err ? t.failed : reply.error.message);
      ctx.openProposal(reply.proposal.id);
    });
  },
  rename: function (id, title, done) {
    stream.emit("proposal:title", { proposal_id: id, title: title }, 10000, function (err, reply) {
      if (err || !reply.ok) return say(err ? t.failed : reply.error.message);
      say("");
      done();
    });
  },
  withdraw: function (id) {
    stream.emit("proposal:withdraw", { proposal_id: id }, 10000, function (err, reply) {
      if (err || !reply.ok) say(err ? t.failed : reply.error.message);
    });
  }
};

function sectorQuery() {
  return config.viewer.sector_id ? "&sector=" + config.viewer.sector_id : "";
}

function say(message) {
  errorBox.textContent = message || "";
}

/* Fetch the wanted proposal whole (after each snapshot too: its text may have moved on). */
function fetchOpen() {
  if (!wanted || !stream.connected) return;
  const id = wanted;
  stream.emit("proposal:get", { proposal_id: id }, 10000, function (err, reply) {
    if (err) return;
    if (!reply.ok) {
      if (wanted === id) wanted = null;
      return say(reply.error.message);
    }
    say("");
    if (wanted === id) desk.setOpen(reply.proposal);
    flushDrafts();
  });
}

function flushDrafts() {
  desk.pending().forEach(function (key) { ctx.save(key); });
}

const editor = createEditor(ctx);
const side = createSide(ctx);
ctx.section = editor.current;
ctx.changed = editor.changed;
ctx.emit = function (event, payload, done) {
  stream.emit(event, payload, 10000, function (err, reply) { done(err ? { ok: false } : reply); });
};
const versions = createHistory(ctx);
const profile = createIid(ctx);
ctx.kipp = function (change) {
  if (!desk.open) return;
  const payload = Object.assign({ proposal_id: desk.open.id }, change);
  stream.emit("proposal:kipp", payload, 10000, function (err, reply) {
    if (err || !reply.ok) return say(err ? t.failed : reply.error.message);
    say("");
    if (desk.open && desk.open.id === reply.proposal.id) desk.setOpen(reply.proposal);
  });
};

function render() {
  renderQueued = false;
  side.render();
  editor.render();
  versions.render();
  profile.render();
}

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  setTimeout(render, 0);
}

desk.onChange(function (change) {
  if (change.type === "closed") wanted = null;
  if (change.type === "stale") fetchOpen();
  if (change.type === "proposal.section" || change.type === "save") versions.reload();
  // A phone with nothing open opens its sector's proposal as soon as it is promoted.
  if (change.type === "proposal.updated" && !steering && !wanted && change.data.active) {
    ctx.openProposal(change.data.id);
  }
  scheduleRender();
});
store.onChange(scheduleRender);

/* The stream applies every message to the cards and to the proposals. */
const both = {
  load: function (snapshot) {
    store.load(snapshot);
    desk.load(snapshot);
    if (!wanted && !steering) {
      const first = desk.proposals()[0];
      if (first) wanted = first.id; // a phone opens its sector's first proposal
    }
  },
  apply: function (message) {
    const again = store.apply(message);
    desk.apply(message);
    if (factsMayChange(message)) refreshFacts();
    return again;
  }
};

/* What Urai knows about the open proposal may have changed: its solution or
 * bottleneck (a USG score, a vote, its text), or a cause on its board (a root
 * cause marked). Other traffic on the board leaves it be. */
function factsMayChange(message) {
  const open = desk.open;
  const data = message.data || {};
  if (!open || !/^(card|votes)\./.test(message.type)) return false;
  if (message.type === "votes.tallied") {
    return [open.solution_id, open.bottleneck_id].some(function (id) { return String(id) in data.tallies; });
  }
  const id = message.type === "votes.updated" ? data.card_id : data.id;
  if (id === open.solution_id || id === open.bottleneck_id) return true;
  return data.kind === "cause" && data.sector_id === open.sector_id;
}

const refreshFacts = debounced(fetchOpen, 2000);

const stream = new Stream({
  code: config.code,
  store: both,
  sectorId: function () { return steering ? null : config.viewer.sector_id; },
  onStatus: function (state, detail) {
    status.className = "connection " + state;
    if (state === "online") status.textContent = t.online;
    else if (state === "refused") status.textContent = (detail && detail.message) || t.refused;
    else if (state === "error") status.textContent = (detail && detail.message) || t.failed;
    else status.textContent = t.offline;
  },
  onSynced: fetchOpen
});

window.addEventListener("beforeunload", function () {
  editor.saveNow();
  profile.saveNow();
});
render();
