/* Urai real-time client: one socket per page, kept in step by sequence number.
 *
 * Every broadcast carries the workshop's sequence number. On (re)connect (in
 * the connect's own `auth`, answered by a `synced` event), and when the phone
 * comes back to the foreground (a `sync`), the page sends the last number it
 * saw and receives what it missed, or a snapshot. Events that arrive while
 * a sync is in flight are held back and applied after it. See docs/PROTOCOL.md.
 *
 * Cursor is that bookkeeping without a socket or a DOM (tested with node
 * --test, and fed the server's real traffic by tests/reliability/test_properties.py);
 * Stream puts it on a Socket.IO connection (the vendored client's window.io). */

export class Cursor {
  constructor(store) {
    this.store = store;
    this.seq = null; // the last seq applied
    this.syncing = false;
    this.wantSnapshot = true;
    this.held = [];
  }

  /* A sync is sent; returns the `since` to send. Once a snapshot is wanted
   * (first load, board switch, changed visibility), every retry asks for one
   * until one has been applied: the old cursor belongs to what was on screen before. */
  start(since) {
    if (since === null) this.wantSnapshot = true;
    this.syncing = true;
    this.held = [];
    return this.wantSnapshot ? null : since;
  }

  /* A broadcast. Returns true when a fresh snapshot is needed. */
  receive(message) {
    if (this.syncing) {
      this.held.push(message);
      return false;
    }
    return this.apply(message);
  }

  apply(message) {
    const again = this.store.apply(message);
    if (this.seq === null || message.seq > this.seq) this.seq = message.seq;
    return again;
  }

  /* The sync's answer (null: none came). Returns {ok, resync}. */
  finish(reply) {
    this.syncing = false;
    if (!reply || !reply.ok) {
      this.held = [];
      return { ok: false, resync: false };
    }
    const store = this.store;
    let resync = false;
    if (reply.mode === "snapshot") {
      this.wantSnapshot = false;
      store.load(reply.snapshot);
    } else {
      reply.events.forEach(function (m) { if (store.apply(m)) resync = true; });
    }
    this.seq = reply.seq;
    const held = this.held;
    this.held = [];
    const self = this;
    held.forEach(function (m) { if (m.seq > self.seq && self.apply(m)) resync = true; });
    return { ok: true, resync: resync };
  }

  /* The last seq this client should have seen, from a tick (sectorId: the
   * board a participant watches; null for the projector). */
  expected(tick, sectorId) {
    if (typeof tick.seq === "number") return tick.seq; // steering: every event
    if (sectorId !== null && sectorId !== undefined) {
      return Math.max(tick.wide || 0, (tick.sectors || {})[String(sectorId)] || 0);
    }
    return Math.max(tick.wide || 0, tick.display || 0); // the projector: every public event
  }

  behind(tick, sectorId) {
    return !this.syncing && this.seq !== null && this.expected(tick, sectorId) > this.seq;
  }
}

/* opts: code, store, sectorId() -> board watched (null for staff),
 * onStatus(state, detail) with state online | offline | refused | error, onSynced(). */
export class Stream {
  constructor(opts) {
    const self = this;
    this.opts = opts;
    this.cursor = new Cursor(opts.store);
    this.retryTimer = null;
    this.syncedTimer = null;
    // Each (re)connect carries its catch-up: the server answers it with a
    // `synced` event, so coming back costs one trip, not a connect then a
    // `sync` (a thousand phones reconnect at once after a Wi-Fi drop).
    this.socket = window.io({
      auth: function (send) {
        const since = self.cursor.start(self.cursor.seq);
        send({ workshop: opts.code, sync: { since: since, sector_id: opts.sectorId() } });
      },
    });

    this.socket.on("connect", function () {
      opts.onStatus("online");
      // The answer comes right behind the connect; ask again if it does not.
      clearTimeout(self.syncedTimer);
      self.syncedTimer = setTimeout(function () {
        if (self.socket.connected && self.cursor.syncing) self.sync(self.cursor.seq);
      }, 15000);
    });
    this.socket.on("synced", function (reply) {
      clearTimeout(self.syncedTimer);
      self.finish(reply);
    });
    this.socket.on("disconnect", function () {
      opts.onStatus("offline");
    });
    this.socket.on("connect_error", function (err) {
      self.cursor.finish(null); // no answer will come for this attempt
      const data = err && err.data;
      opts.onStatus(data && data.code ? "refused" : "offline", data);
    });
    // The server says every few seconds how far this client should be; a
    // client that is behind (a broadcast lost on the way) catches up.
    this.socket.on("tick", function (tick) {
      if (self.cursor.behind(tick, opts.sectorId())) self.sync(self.cursor.seq);
    });
    this.socket.on("event", function (message) {
      if (self.cursor.receive(message)) self.resyncSoon();
    });
    // The phone knows at once when its network goes; say so without waiting
    // for the socket to time out, and try again as soon as it is back.
    window.addEventListener("offline", function () { opts.onStatus("offline"); });
    window.addEventListener("online", function () {
      if (!self.socket.connected) self.socket.connect();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && self.socket.connected && !self.cursor.syncing) {
        self.sync(self.cursor.seq);
      }
    });
  }

  get connected() {
    return this.socket.connected;
  }

  /* A setting changed what this viewer may see: fetch a fresh snapshot. */
  resyncSoon() {
    const self = this;
    setTimeout(function () {
      if (self.socket.connected) self.sync(null);
    }, 0);
  }

  /* Ask for what was missed since `since` (null: a full snapshot). */
  sync(since) {
    const self = this;
    const opts = this.opts;
    clearTimeout(this.retryTimer);
    const from = this.cursor.start(since);
    this.socket.timeout(15000).emit("sync", { since: from, sector_id: opts.sectorId() }, function (err, reply) {
      self.finish(err ? null : reply);
    });
  }

  /* The answer to a sync, or to the catch-up a connect carried (null: none came). */
  finish(reply) {
    const self = this;
    const opts = this.opts;
    const done = this.cursor.finish(reply);
    if (!done.ok) {
      if (reply && reply.error) opts.onStatus("error", reply.error);
      this.retryTimer = setTimeout(function () {
        if (self.socket.connected) self.sync(self.cursor.seq);
      }, 3000);
      return;
    }
    if (done.resync) this.resyncSoon();
    if (opts.onSynced) opts.onSynced();
  }

  emit(event, payload, timeoutMs, done) {
    this.socket.timeout(timeoutMs).emit(event, payload, done);
  }
}
