/* Client-side state of one workshop, kept from snapshots and broadcasts.
 * Every page (phone board, presenter, facilitator) renders from a Store; the
 * rules for applying an event live here once. No DOM: tested with node --test
 * (tests/js/store.test.js, tests/js/store-index.test.js). See docs/PROTOCOL.md.
 *
 * `cards` is read by the pages (cards[id]) but written only here, so that the
 * indexes stay right: the cards of each board, the children of each card
 * (solutions and causes by parent), the card of each client_id. A board's or
 * a card's lists are then read in the time of their own length, not of the
 * workshop's: an event on a room of 800 cards does not walk the 800. */

import { CardIndex } from "./card-index.js";
import { applyActivity } from "./activities.js";

/* Compare two rank keys (lists of numbers) element by element, smaller first. */
export function compareKeys(x, y) {
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined || y[i] === undefined) return x[i] === undefined ? -1 : 1;
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

/* "m:ss" for a number of seconds. */
export function formatSeconds(seconds) {
  const s = Math.max(0, seconds | 0);
  const r = s % 60;
  return Math.floor(s / 60) + ":" + (r < 10 ? "0" : "") + r;
}

export function isScored(card) {
  const a = card.assessment;
  return !!a && a.total !== null && a.total !== undefined;
}

/* A card that is on its board (not merged into another, not deleted). */
export function isShown(card) {
  return card.status !== "merged" && card.status !== "deleted";
}

function byId(a, b) {
  return a.id - b.id;
}

export class Store {
  /* snapshotSettings: the settings whose change needs a fresh snapshot
   * (rules.snapshot_settings; a reveal comes as "board.shown" instead);
   * now: the clock, in milliseconds. */
  constructor(options) {
    const opts = options || {};
    this.snapshotSettings = opts.snapshotSettings || [];
    this.now = opts.now || Date.now;
    this.workshop = null; // the workshop summary: sectors, phases, phase_id, settings, timer, open
    this.receivedAt = 0; // when `workshop` arrived, for the timer
    this.cards = {}; // id -> card (read it; write through put/drop only)
    this.index = new CardIndex(); // by board, by parent, by client_id
    this.clusters = {}; // id -> cluster
    this.roster = { total: 0, per_sector: {} };
    this.participants = {}; // id -> participant (steering only)
    this.myVotes = null; // {cards, left, budget, cap, capped} (participants)
    this.spotlight = null; // the card id shown large on the projector (projector, steering)
    this.spotlightPinned = false; // kept into the next phase
    this.activities = {}; // kind -> the agenda activity's state (shared/activities.js)
    this.listeners = [];
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  notify(change) {
    this.listeners.forEach(function (fn) { fn(change); });
  }

  setWorkshop(summary) {
    this.workshop = summary;
    this.receivedAt = this.now();
  }

  /* A participant's dots, from a snapshot or a vote's acknowledgement. */
  setMyVotes(myVotes) {
    this.myVotes = myVotes;
    this.notify({ type: "my_votes" });
  }

  /* Replace everything with a snapshot from `sync`. */
  load(snapshot) {
    this.setWorkshop(snapshot.workshop);
    this.cards = {};
    this.index = new CardIndex();
    (snapshot.cards || []).forEach(this.put, this);
    this.clusters = keyed(snapshot.clusters);
    if (snapshot.roster) this.roster = snapshot.roster;
    this.participants = keyed(snapshot.participants);
    if (snapshot.my_votes) this.myVotes = snapshot.my_votes;
    if ("spotlight" in snapshot) this.spotlight = snapshot.spotlight;
    this.spotlightPinned = !!snapshot.spotlight_pinned;
    this.activities = snapshot.activities || {};
    this.notify({ type: "snapshot" });
  }

  /* Apply one broadcast. Returns true when the page must ask for a fresh
   * snapshot (a setting that changes what this viewer may see was changed). */
  apply(message) {
    const data = message.data;
    let needsSnapshot = false;
    switch (message.type) {
      case "card.created":
      case "card.updated": {
        // A new card comes with its tally (0) where tallies are shown: the server says so.
        this.put(Object.assign({}, this.cards[data.id] || {}, data));
        break;
      }
      case "card.removed":
        this.drop(data.id);
        break;
      case "board.shown":
        this.showBoard(data);
        break;
      case "votes.updated":
        if (this.cards[data.card_id]) this.cards[data.card_id].votes = data.votes;
        break;
      case "votes.tallied": // a board's tallies, batched in a vote storm: {card id: votes}
        for (const id in data.tallies) {
          if (this.cards[id]) this.cards[id].votes = data.tallies[id];
        }
        break;
      case "cluster.updated":
        this.clusters[data.id] = data;
        break;
      case "cluster.removed":
        delete this.clusters[data.id];
        break;
      case "workshop.updated": {
        const before = this.workshop && this.workshop.settings;
        if (before) needsSnapshot = this.snapshotSettings.some(function (name) { return before[name] !== data.settings[name]; });
        this.setWorkshop(data);
        break;
      }
      case "roster.updated":
        this.roster = data;
        break;
      case "participant.updated":
        this.participants[data.id] = data;
        break;
      case "spotlight.updated":
        this.spotlight = data.card_id;
        this.spotlightPinned = !!data.pinned;
        break;
      default: applyActivity(this.activities, message); /* an agenda activity's own event */
    }
    this.notify({ type: message.type, data: data });
    return needsSnapshot;
  }

  /* A board's cards as this viewer now sees them (concealment, anonymity or
   * tallies changed): `complete` replaces every card of the board, so that a
   * card no longer seen goes and hidden tallies do not linger; otherwise the
   * cards given replace those with the same ids (the author's own forms). */
  showBoard(data) {
    if (data.complete) this.index.board(data.sector_id).slice().forEach(this.drop, this);
    (data.cards || []).forEach(this.put, this);
  }

  /* Keep `card` (a new one, or the new state of one held), and the indexes. */
  put(card) {
    const old = this.cards[card.id];
    if (old) this.index.remove(old);
    this.cards[card.id] = card;
    this.index.add(card);
  }

  /* Forget the card `id`. */
  drop(id) {
    const old = this.cards[id];
    if (!old) return;
    this.index.remove(old);
    delete this.cards[id];
  }

  /* The cards of these ids that pass `test`, in id order. */
  pick(ids, test) {
    const out = [];
    for (let i = 0; i < ids.length; i++) {
      const card = this.cards[ids[i]];
      if (card && (!test || test(card))) out.push(card);
    }
    return out;
  }

  /* The card posted with this client_id (a post of this phone, stored), or null. */
  withClient(clientId) {
    const id = this.index.client(clientId);
    return id === undefined ? null : this.cards[id] || null;
  }

  /* Every card of a board (any kind, any status), oldest first. */
  onBoard(sectorId) {
    return this.pick(this.index.board(sectorId));
  }

  /* The cards under a card (solutions, causes, "why?"s; any status), oldest first. */
  childrenOf(cardId) {
    return this.pick(this.index.children(cardId));
  }

  phase() {
    const w = this.workshop;
    if (!w) return null;
    return w.phases.find(function (p) { return p.id === w.phase_id; }) || null;
  }

  sectors() {
    return (this.workshop && this.workshop.sectors) || [];
  }

  sector(id) {
    return this.sectors().find(function (s) { return s.id === id; }) || null;
  }

  /* Cards matching `test`, oldest first. */
  list(test) {
    const cards = this.cards;
    return Object.keys(cards)
      .map(function (id) { return cards[id]; })
      .filter(test)
      .sort(byId);
  }

  /* Bottlenecks of a board that are shown (not merged or deleted). */
  bottlenecks(sectorId) {
    return this.pick(this.index.board(sectorId), function (c) { return c.kind === "bottleneck" && c.sector_id === sectorId && isShown(c); });
  }

  /* The solutions of a card that are shown, oldest first. */
  solutionsOf(cardId) {
    return this.pick(this.index.children(cardId), function (c) { return c.kind === "solution" && c.parent_id === cardId && isShown(c); });
  }

  /* Cards of a board that are shown, of both kinds. */
  cardsOf(sectorId) {
    return this.pick(this.index.board(sectorId), function (c) { return c.sector_id === sectorId && isShown(c); });
  }

  clustersOf(sectorId) {
    const clusters = this.clusters;
    return Object.keys(clusters)
      .map(function (id) { return clusters[id]; })
      .filter(function (c) { return c.sector_id === sectorId; })
      .sort(byId);
  }

  /* `cards` of a board by cluster: [{cluster, cards}] for clusters with cards
   * (in cluster order), and `loose`, those in no (known) cluster. */
  grouped(sectorId, cards) {
    const clusters = this.clustersOf(sectorId);
    const groups = {};
    clusters.forEach(function (c) { groups[c.id] = []; });
    const loose = [];
    cards.forEach(function (card) { (groups[card.cluster_id] || loose).push(card); });
    return {
      groups: clusters.filter(function (c) { return groups[c.id].length; }).map(function (c) {
        return { cluster: c, cards: groups[c.id] };
      }),
      loose: loose
    };
  }

  /* The USG ranking of a board: its visible bottlenecks in the server's
   * rank_key order; rank is the place among the scored ones (null: unscored). */
  ranking(sectorId) {
    let place = 0;
    return this.bottlenecks(sectorId)
      .filter(function (c) { return c.status === "visible"; })
      .sort(function (a, b) { return compareKeys(a.rank_key, b.rank_key) || a.id - b.id; })
      .map(function (card) { return { card: card, rank: isScored(card) ? ++place : null }; });
  }

  /* Seconds left on the phase timer now, or null when there is no timer. */
  timerLeft() {
    const timer = this.workshop && this.workshop.timer;
    if (!timer || timer.remaining === null || timer.remaining === undefined) return null;
    if (!timer.running) return timer.remaining;
    const elapsed = (this.now() - this.receivedAt) / 1000;
    return Math.max(0, Math.round(timer.remaining - elapsed));
  }

  /* The timer ran out with its lock on: posting is closed, by the clock. */
  timeUp() {
    const timer = this.workshop && this.workshop.timer;
    return !!(timer && timer.lock && this.timerLeft() === 0);
  }
}

function keyed(list) {
  const out = {};
  (list || []).forEach(function (item) { out[item.id] = item; });
  return out;
}
