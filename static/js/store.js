/* Client-side state of one workshop, kept from snapshots and broadcasts.
 * Every page (phone board, presenter, facilitator) renders from a Store; the
 * rules for applying an event live here once. See docs/PROTOCOL.md. */
(function () {
  "use strict";
  var Urai = (window.Urai = window.Urai || {});

  var VIEW_SETTINGS = ["concealed", "anonymous", "votes_revealed"];

  Urai.Store = function () {
    this.workshop = null; // the workshop summary: sectors, phases, phase_id, settings, timer
    this.receivedAt = 0; // Date.now() when `workshop` arrived, for the timer
    this.cards = {}; // id -> card
    this.clusters = {}; // id -> cluster
    this.roster = { total: 0, per_sector: {} };
    this.participants = {}; // id -> participant (steering only)
    this.myVotes = null; // {cards: {id: n}, left: {bottleneck, solution}, budget, cap} (participants)
    this.listeners = [];
  };

  Urai.Store.prototype.onChange = function (fn) {
    this.listeners.push(fn);
  };

  Urai.Store.prototype.notify = function (change) {
    this.listeners.forEach(function (fn) { fn(change); });
  };

  Urai.Store.prototype.setWorkshop = function (summary) {
    this.workshop = summary;
    this.receivedAt = Date.now();
  };

  /* Replace everything with a snapshot from `sync`. */
  Urai.Store.prototype.load = function (snapshot) {
    var self = this;
    this.setWorkshop(snapshot.workshop);
    this.cards = {};
    (snapshot.cards || []).forEach(function (c) { self.cards[c.id] = c; });
    this.clusters = {};
    (snapshot.clusters || []).forEach(function (c) { self.clusters[c.id] = c; });
    if (snapshot.roster) this.roster = snapshot.roster;
    this.participants = {};
    (snapshot.participants || []).forEach(function (p) { self.participants[p.id] = p; });
    if (snapshot.my_votes) this.myVotes = snapshot.my_votes;
    this.notify({ type: "snapshot" });
  };

  /* Apply one broadcast. Returns true when the page must ask for a fresh
   * snapshot (a setting that changes what this viewer may see was changed). */
  Urai.Store.prototype.apply = function (message) {
    var data = message.data;
    var needsSnapshot = false;
    switch (message.type) {
      case "card.created":
      case "card.updated":
        var old = this.cards[data.id];
        this.cards[data.id] = old ? Object.assign({}, old, data) : Object.assign({}, data);
        // A new card has no dots yet; keep tallies absent while they are hidden.
        var revealed = !this.workshop || this.workshop.settings.votes_revealed;
        if (!old && message.type === "card.created" && revealed && !("votes" in data)) {
          this.cards[data.id].votes = 0;
        }
        break;
      case "card.removed":
        delete this.cards[data.id];
        break;
      case "votes.updated":
        if (this.cards[data.card_id]) this.cards[data.card_id].votes = data.votes;
        break;
      case "cluster.updated":
        this.clusters[data.id] = data;
        break;
      case "cluster.removed":
        delete this.clusters[data.id];
        break;
      case "workshop.updated":
        var before = this.workshop && this.workshop.settings;
        if (before) {
          needsSnapshot = VIEW_SETTINGS.some(function (name) {
            return before[name] !== data.settings[name];
          });
        }
        this.setWorkshop(data);
        break;
      case "roster.updated":
        this.roster = data;
        break;
      case "participant.updated":
        this.participants[data.id] = data;
        break;
    }
    this.notify({ type: message.type, data: data });
    return needsSnapshot;
  };

  Urai.Store.prototype.phase = function () {
    var w = this.workshop;
    if (!w) return null;
    for (var i = 0; i < w.phases.length; i++) if (w.phases[i].id === w.phase_id) return w.phases[i];
    return null;
  };

  Urai.Store.prototype.sector = function (id) {
    var sectors = (this.workshop && this.workshop.sectors) || [];
    for (var i = 0; i < sectors.length; i++) if (sectors[i].id === id) return sectors[i];
    return null;
  };

  /* Cards matching `test`, oldest first. */
  Urai.Store.prototype.list = function (test) {
    var cards = this.cards;
    return Object.keys(cards)
      .map(function (id) { return cards[id]; })
      .filter(test)
      .sort(function (a, b) { return a.id - b.id; });
  };

  /* Bottlenecks of a board that are shown (not merged or deleted). */
  Urai.Store.prototype.bottlenecks = function (sectorId) {
    return this.list(function (c) {
      return c.kind === "bottleneck" && c.sector_id === sectorId && c.status !== "merged" && c.status !== "deleted";
    });
  };

  Urai.Store.prototype.solutionsOf = function (cardId) {
    return this.list(function (c) {
      return c.kind === "solution" && c.parent_id === cardId && c.status !== "merged" && c.status !== "deleted";
    });
  };

  Urai.Store.prototype.clustersOf = function (sectorId) {
    var clusters = this.clusters;
    return Object.keys(clusters)
      .map(function (id) { return clusters[id]; })
      .filter(function (c) { return c.sector_id === sectorId; })
      .sort(function (a, b) { return a.id - b.id; });
  };

  /* USG ranking of a board (DOMAIN.md): total, then U, then S; unscored last. */
  Urai.Store.prototype.ranking = function (sectorId) {
    return this.bottlenecks(sectorId)
      .filter(function (c) { return c.status === "visible"; })
      .sort(function (a, b) {
        var x = a.assessment, y = b.assessment;
        var xs = x && x.total !== null, ys = y && y.total !== null;
        if (xs !== ys) return xs ? -1 : 1;
        if (xs) {
          if (y.total !== x.total) return y.total - x.total;
          if (y.u !== x.u) return y.u - x.u;
          if (y.s !== x.s) return y.s - x.s;
        }
        return a.id - b.id;
      });
  };

  /* Seconds left on the phase timer now, or null when there is no timer. */
  Urai.Store.prototype.timerLeft = function () {
    var timer = this.workshop && this.workshop.timer;
    if (!timer || timer.remaining === null || timer.remaining === undefined) return null;
    if (!timer.running) return timer.remaining;
    var elapsed = (Date.now() - this.receivedAt) / 1000;
    return Math.max(0, Math.round(timer.remaining - elapsed));
  };

  Urai.formatSeconds = function (seconds) {
    var s = Math.max(0, seconds | 0);
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  };

  /* What a participant may do now: {bottlenecks, solutions, voteOn, scoring, locked}. */
  Urai.Store.prototype.allowed = function (sectorId) {
    var w = this.workshop;
    var phase = this.phase();
    var sector = this.sector(sectorId);
    var expired = w && w.timer && w.timer.lock && this.timerLeft() === 0;
    var locked = !!(w && (w.settings.locked || (sector && sector.locked) || expired));
    return {
      locked: locked,
      bottlenecks: !locked && (!phase || phase.allow_bottlenecks),
      solutions: !locked && (!phase || phase.allow_solutions),
      voteOn: phase ? phase.vote_on : null,
      scoring: !!(phase && phase.allow_scoring)
    };
  };
})();
