/* The participant's sector board on a phone: the page's entry. It wires the
 * store, the socket, the outbox and the views (board-*.js); the rules come
 * from the server, in the page config and in each card (docs/PROTOCOL.md). */

import { readJSON } from "../shared/dom.js";
import { Store } from "../shared/store.js";
import { Stream } from "../shared/stream.js";
import { Outbox } from "../shared/outbox.js";
import { createChrome } from "./board-chrome.js";
import { createCardList } from "./board-cards.js";
import { bindPostForm } from "./board-post.js";
import { createSimilar } from "./board-similar.js";
import { createSectorPicker } from "./board-sector.js";
import { createActivitySwitch } from "../shared/activities.js";
import "./board-activities.js";

const config = readJSON("page-config");
const t = readJSON("board-strings");
const store = new Store({ snapshotSettings: config.rules.snapshot_settings });
const meId = config.viewer.participant ? config.viewer.participant.id : null;
let sectorId = config.viewer.sector_id;
let renderQueued = false;
let closedByClock = false;
const where = {}; // client_id -> {error, restore}: where to say a post was refused

const ctx = {
  config: config,
  rules: config.rules,
  viewer: config.viewer,
  t: t,
  store: store,
  emit: function (event, payload, done) { stream.emit(event, payload, 10000, done); },
  post: function (payload, place) {
    if (payload.kind === "bottleneck") payload.sector_id = sectorId;
    const item = outbox.add(payload);
    if (place) where[item.client_id] = place;
  },
  switchSector: switchSector,
  /* The participant moved to sector `id` (board-sector.js): watch its board, afresh. */
  moved: function (id) {
    if (id !== sectorId) return switchSector(id);
    scheduleRender();
    stream.sync(null);
  },
  sectorId: function () { return sectorId; },
  connected: function () { return stream.connected; }
};
ctx.similar = createSimilar(ctx); /* similar cards offered while typing (solution forms attach too) */

const chrome = createChrome(ctx);
ctx.sectors = chrome.sectors;
const picker = createSectorPicker(ctx);

const outbox = (ctx.outbox = new Outbox({
  storage: safeStorage(),
  key: "urai:outbox:" + config.code,
  send: function (item, done) { stream.emit("card:post", item, 10000, done); },
  canSend: function () { return stream.connected; },
  onChange: scheduleRender,
  onStored: function (card, item) {
    const place = where[item.client_id];
    delete where[item.client_id];
    if (card) store.apply({ type: "card.created", data: card }); /* as this phone may see it */
    if (place && place.sent) place.sent(card);
  },
  onRejected: function (item, error) {
    const place = where[item.client_id];
    delete where[item.client_id];
    const message = error ? error.message : t.failed;
    if (place && place.error) place.error.textContent = message;
    else chrome.say(message);
    if (place && place.restore && !place.restore.value) place.restore.value = item.text;
    if (place && place.reopen) place.reopen(); /* a form that closed on sending shows its error */
  }
}));

const cards = createCardList(ctx, document.getElementById("cards"), document.getElementById("empty"));
/* While the current phase is an activity (attendance...), its panel in place of the board. */
const activities = createActivitySwitch(ctx, {
  find: function (kind) { return document.querySelector('[data-activity="' + kind + '"]'); },
  normal: [document.getElementById("board-view")]
});

function safeStorage() {
  try {
    return window.localStorage;
  } catch (e) {
    return null; /* storage blocked: the outbox and the draft live in memory */
  }
}

function render() {
  renderQueued = false;
  const list = chrome.sectors();
  if (list.length && !list.some(function (s) { return s.id === sectorId; })) {
    switchSector(list[0].id);
    return;
  }
  closedByClock = store.timeUp();
  chrome.render(sectorId);
  picker.render(!!store.workshop && store.workshop.state === "running");
  cards.render(sectorId);
  activities.render();
}

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  setTimeout(render, 0);
}

function switchSector(id) {
  if (id === sectorId) return;
  sectorId = id;
  if (window.history.replaceState) window.history.replaceState(null, "", "?sector=" + id);
  scheduleRender();
  stream.sync(null);
}

store.onChange(function (change) {
  /* A workshop state whose page is elsewhere (the follow-up meeting's), as the server told. */
  const away = store.workshop && config.elsewhere[store.workshop.state];
  if (away) {
    window.location.assign(away);
    return;
  }
  chrome.announce(change, sectorId, meId);
  scheduleRender();
});

const stream = new Stream({
  code: config.code,
  store: store,
  sectorId: function () { return sectorId; },
  onStatus: chrome.setStatus,
  onSynced: function () { outbox.flush(); }
});

/* The timer counts down between broadcasts; when it runs out with its lock on, posting closes. */
let ticks = 0;
setInterval(function () {
  ticks += 1;
  if (ticks % 5 === 0 && outbox.items().length) outbox.flush(); /* retry unanswered posts */
  if (!store.workshop) return;
  chrome.renderTimer();
  if (store.timeUp() !== closedByClock) scheduleRender();
}, 1000);

bindPostForm(ctx, safeStorage() || { getItem: function () { return null; }, setItem: function () {} });
ctx.similar.attach(document.getElementById("post-form"), document.getElementById("post-text"), { kind: "bottleneck" });
render();
