/* Urai real-time client: one socket per page, kept in step by sequence number.
 *
 * Every broadcast carries the workshop's sequence number. On (re)connect, and
 * when the phone comes back to the foreground, the page sends the last number
 * it saw and receives what it missed, or a snapshot. Events that arrive while
 * a sync is in flight are held back and applied after it. See docs/PROTOCOL.md.
 */
(function () {
  "use strict";
  var Urai = (window.Urai = window.Urai || {});

  Urai.readJSON = function (id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : {};
  };

  /* Build an element; user text always goes in as text, never as HTML. */
  Urai.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key.indexOf("on") === 0) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* A random id for a post, made on the phone so that a retry is stored once.
   * crypto.randomUUID needs HTTPS; getRandomValues works on a plain LAN address. */
  Urai.newId = function () {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  };

  /* opts: code, sectorId() -> board watched (null for staff), store (an Urai.Store),
   * onStatus(state, detail), onSynced().
   * (Without a store: onSnapshot(snapshot, seq) and onEvent(message).) */
  Urai.Stream = function (opts) {
    var self = this;
    if (opts.store) {
      opts.onSnapshot = function (snapshot) { opts.store.load(snapshot); };
      opts.onEvent = function (message) {
        if (opts.store.apply(message)) self.resyncSoon();
      };
    }
    this.opts = opts;
    this.seq = null;
    this.syncing = false;
    this.wantSnapshot = true;
    this.held = [];
    this.retryTimer = null;
    this.socket = window.io({ auth: { workshop: opts.code } });

    this.socket.on("connect", function () {
      opts.onStatus("online");
      self.sync(self.seq);
    });
    this.socket.on("disconnect", function () {
      opts.onStatus("offline");
    });
    this.socket.on("connect_error", function (err) {
      var data = err && err.data;
      opts.onStatus(data && data.code ? "refused" : "offline", data);
    });
    // The server says every few seconds how far this client should be; a
    // client that is behind (a broadcast lost on the way) catches up.
    this.socket.on("tick", function (tick) {
      if (self.syncing || self.seq === null) return;
      if (self.expectedSeq(tick) > self.seq) self.sync(self.seq);
    });
    this.socket.on("event", function (message) {
      if (self.syncing) self.held.push(message);
      else self.apply(message);
    });
    // The phone knows at once when its network goes; say so without waiting
    // for the socket to time out, and try again as soon as it is back.
    window.addEventListener("offline", function () {
      opts.onStatus("offline");
    });
    window.addEventListener("online", function () {
      if (!self.socket.connected) self.socket.connect();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && self.socket.connected && !self.syncing) {
        self.sync(self.seq);
      }
    });
  };

  /* A setting changed what this viewer may see: fetch a fresh snapshot. */
  Urai.Stream.prototype.resyncSoon = function () {
    var self = this;
    setTimeout(function () {
      if (self.socket.connected) self.sync(null);
    }, 0);
  };

  /* The last sequence number this client should have seen, from a tick. */
  Urai.Stream.prototype.expectedSeq = function (tick) {
    if (typeof tick.seq === "number") return tick.seq; // steering: every event
    var board = this.opts.sectorId();
    if (board !== null && board !== undefined) {
      return Math.max(tick.wide || 0, (tick.sectors || {})[String(board)] || 0);
    }
    return Math.max(tick.wide || 0, tick.display || 0); // the projector: every public event
  };

  Urai.Stream.prototype.apply = function (message) {
    this.opts.onEvent(message);
    if (this.seq === null || message.seq > this.seq) this.seq = message.seq;
  };

  /* Ask for what was missed since `since` (null: a full snapshot). */
  Urai.Stream.prototype.sync = function (since) {
    var self = this;
    var opts = this.opts;
    clearTimeout(this.retryTimer);
    // Once a snapshot is wanted (first load, board switch, changed visibility),
    // every retry asks for one until one has been applied: the old cursor
    // belongs to what was on screen before.
    if (since === null) this.wantSnapshot = true;
    if (this.wantSnapshot) since = null;
    this.syncing = true;
    this.held = [];
    this.socket
      .timeout(15000)
      .emit("sync", { since: since, sector_id: opts.sectorId() }, function (err, reply) {
        self.syncing = false;
        if (err || !reply || !reply.ok) {
          self.held = [];
          if (reply && reply.error) opts.onStatus("error", reply.error);
          self.retryTimer = setTimeout(function () {
            if (self.socket.connected) self.sync(self.seq);
          }, 3000);
          return;
        }
        if (reply.mode === "snapshot") {
          self.wantSnapshot = false;
          opts.onSnapshot(reply.snapshot, reply.seq);
        }
        else reply.events.forEach(function (m) { opts.onEvent(m); });
        self.seq = reply.seq;
        var held = self.held;
        self.held = [];
        held.forEach(function (m) {
          if (m.seq > self.seq) self.apply(m);
        });
        if (opts.onSynced) opts.onSynced();
      });
  };

  Urai.Stream.prototype.emit = function (event, payload, timeoutMs, done) {
    this.socket.timeout(timeoutMs).emit(event, payload, done);
  };
})();
