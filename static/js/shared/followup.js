/* The follow-up meeting's state on a page: the planned solutions it may see,
 * each with its status (belum / berjalan / selesai), note and last update,
 * and for the facilitator the progress per agency, all as the server sent
 * them (snapshot `follow_up`, `followup.updated`, `followup.progress`). No
 * DOM: tested with node --test (tests/js/followup.test.js). */

export class FollowUp {
  /* agencyKey: keep only the items of this owner agency (a phone; the server
   * says which, in the page config); null keeps every item (steering). */
  constructor(options) {
    const opts = options || {};
    this.agencyKey = opts.agencyKey === undefined ? null : opts.agencyKey;
    this.state = null; // the workshop's state: running, ended, follow_up, archived
    this.itemsById = {};
    this.progress = []; // [{agency, agency_key, total, overdue, belum, berjalan, selesai}]
    this.today = null;
    this.listeners = [];
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  notify(type) {
    this.listeners.forEach(function (fn) { fn(type); });
  }

  keeps(item) {
    return this.agencyKey === null || item.agency_key === this.agencyKey;
  }

  load(snapshot) {
    const self = this;
    const follow = snapshot.follow_up || {};
    this.state = snapshot.workshop ? snapshot.workshop.state : this.state;
    this.itemsById = {};
    (follow.items || []).forEach(function (item) {
      if (self.keeps(item)) self.itemsById[item.card_id] = item;
    });
    if (follow.progress) this.progress = follow.progress;
    if (follow.today) this.today = follow.today;
    this.notify("snapshot");
  }

  /* One broadcast. Returns true when a fresh snapshot is needed (the
   * workshop changed state, so what may be done has changed). */
  apply(message) {
    const data = message.data;
    if (message.type === "workshop.updated") {
      const before = this.state;
      this.state = data.state;
      this.notify("state");
      return before !== null && before !== data.state;
    }
    if (message.type === "followup.updated") {
      if (this.keeps(data)) this.itemsById[data.card_id] = data;
      else delete this.itemsById[data.card_id]; /* its owner agency changed */
      this.notify("item");
    } else if (message.type === "followup.progress") {
      this.progress = data.agencies;
      this.notify("progress");
    }
    return false;
  }

  /* The items, by owner agency then oldest first. */
  items() {
    const all = this.itemsById;
    return Object.keys(all).map(function (id) { return all[id]; }).sort(function (a, b) {
      if (a.agency_key !== b.agency_key) return a.agency_key < b.agency_key ? -1 : 1;
      return a.card_id - b.card_id;
    });
  }

  item(cardId) {
    return this.itemsById[cardId] || null;
  }

  /* Whether a participant may report now (the facilitator reopened the workshop). */
  open() {
    return this.state === "follow_up";
  }

  readOnly() {
    return this.state === "archived";
  }
}

/* The `plan:status` payload for a tap on `status`, with the note as typed. */
export function statusPayload(item, status, note) {
  const text = typeof note === "string" ? note.trim() : "";
  return { card_id: item.card_id, status: status, note: text };
}

/* A store for Stream that feeds both the page's Store and a FollowUp. */
export function alongside(store, follow) {
  return {
    load: function (snapshot) {
      store.load(snapshot);
      follow.load(snapshot);
    },
    apply: function (message) {
      const again = store.apply(message);
      return follow.apply(message) || again;
    }
  };
}
