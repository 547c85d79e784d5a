/* Posts waiting on the phone until the server acknowledges them. They are kept
 * in a localStorage-like `storage` (passed in), so a lost connection or a
 * reload loses nothing, and each keeps the client_id it was given, so that a
 * resend is stored once (docs/PROTOCOL.md, card:post). No DOM: tested with
 * node --test (tests/js/outbox.test.js). */

/* Errors after which a post stays queued and is sent again later. */
export const KEEP_QUEUED = ["internal", "rate_limited", "unauthenticated"];

/* A random id for a post. crypto.randomUUID needs HTTPS; getRandomValues works on a plain LAN address. */
export function newId(crypto) {
  const bytes = new Uint8Array(16);
  (crypto || globalThis.crypto).getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

export class Outbox {
  /* opts: storage ({getItem, setItem}; may be null or throw, e.g. in private mode),
   * key, send(item, done(err, reply)), canSend() -> connected now,
   * onStored(card, item), onRejected(item, error), onChange(), newId(). */
  constructor(opts) {
    this.opts = opts;
    this.newId = opts.newId || newId;
    this.sending = {};
    this.queue = this.read();
  }

  read() {
    try {
      const items = JSON.parse(this.opts.storage.getItem(this.opts.key) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }

  write(items) {
    this.queue = items;
    try {
      this.opts.storage.setItem(this.opts.key, JSON.stringify(items));
    } catch (e) {
      /* private mode: the outbox still lives in memory for this page */
    }
    if (this.opts.onChange) this.opts.onChange();
  }

  items() {
    return this.queue.slice();
  }

  /* Queue a post (a card:post payload without client_id) and try to send it. */
  add(payload) {
    const item = Object.assign({}, payload, { client_id: this.newId() });
    this.write(this.queue.concat([item]));
    this.flush();
    return item;
  }

  /* Send every queued post that is not on its way already. */
  flush() {
    if (this.opts.canSend && !this.opts.canSend()) return;
    const self = this;
    this.queue.forEach(function (item) {
      if (self.sending[item.client_id]) return;
      self.sending[item.client_id] = true;
      self.opts.send(item, function (err, reply) {
        delete self.sending[item.client_id];
        self.answered(item, err, reply);
      });
    });
  }

  answered(item, err, reply) {
    if (err || !reply) return; /* no answer: it stays queued and goes again soon */
    const code = reply.ok ? null : reply.error && reply.error.code;
    if (code && KEEP_QUEUED.indexOf(code) !== -1) return; /* the server could not take it now */
    if (code === "conflict") {
      /* The id clashed with someone else's post: same text, a fresh id. */
      const fresh = this.newId();
      this.write(this.queue.map(function (other) {
        return other.client_id === item.client_id ? Object.assign({}, other, { client_id: fresh }) : other;
      }));
      return;
    }
    this.write(this.queue.filter(function (other) { return other.client_id !== item.client_id; }));
    if (reply.ok) {
      if (this.opts.onStored) this.opts.onStored(reply.card, item);
    } else if (this.opts.onRejected) {
      this.opts.onRejected(item, reply.error || null);
    }
  }
}
