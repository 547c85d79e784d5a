/* The proposal workspace's state in the browser, without a DOM (tested with node
 * --test, tests/js/proposals.test.js): the proposals of the board, the one open,
 * and each section's draft as this person writes it. A draft remembers the
 * version it started from (`base`); a save names it, and the server accepts,
 * merges or refuses it (docs/PROTOCOL.md, "Proposals"). Nothing the person
 * typed is dropped: a refused save keeps their text beside the other one
 * until they choose, and unsaved text waits in storage across a reload.
 *
 * A draft's state: "saved" (as on the server), "dirty" (typed, not yet sent),
 * "saving" (sent, no answer yet) or "conflict" (refused: `theirs` is the
 * current text, `theirsVersion` its version). */

export class ProposalDesk {
  /* storage: localStorage or null; key: the prefix for this workshop's drafts. */
  constructor(opts) {
    const o = opts || {};
    this.storage = o.storage || null;
    this.prefix = o.key || "urai:proposal:";
    this.list = {}; // id -> summary {id, sector_id, title, status, active, ...}
    this.open = null; // the open proposal, whole (proposal:get)
    this.drafts = {}; // section key -> draft
    this.assessing = { checklist: {}, scores: {} }; // own ticks and scores not yet answered
    this.listeners = [];
  }

  onChange(fn) { this.listeners.push(fn); }
  notify(change) { this.listeners.forEach(function (fn) { fn(change); }); }

  /* A snapshot from `sync`: the board's proposals (the open one is fetched again). */
  load(snapshot) {
    const list = {};
    (snapshot.proposals || []).forEach(function (p) { list[p.id] = p; });
    this.list = list;
    if (this.open && !list[this.open.id]) this.close();
    this.notify({ type: "snapshot" });
  }

  /* A broadcast; returns false (no proposal event needs a fresh snapshot). */
  apply(message) {
    const data = message.data || {};
    const open = this.open;
    switch (message.type) {
      case "proposal.updated":
        this.list[data.id] = data;
        if (open && open.id === data.id) {
          // The summary names the rubric; the open proposal holds it whole.
          const rest = Object.assign({}, data);
          delete rest.rubric;
          Object.assign(open, rest);
          if (!open.rubric || open.rubric.name !== data.rubric) {
            this.notify({ type: "stale", data: data }); // another rubric: fetch it whole
          }
        }
        break;
      case "proposal.iid":
        if (open && open.id === data.proposal_id) open.iid = data.iid;
        break;
      case "proposal.removed":
        delete this.list[data.id];
        if (open && open.id === data.id) this.close();
        break;
      case "proposal.section":
        if (open && open.id === data.proposal_id) this.arrived(data);
        break;
      case "proposal.assessed":
        if (open && open.id === data.proposal_id) this.setAssessment(data);
        break;
      default:
        return false;
    }
    this.notify({ type: message.type, data: data });
    return false;
  }

  proposals() {
    const list = this.list;
    return Object.keys(list).map(function (id) { return list[id]; }).sort(function (a, b) { return a.id - b.id; });
  }

  /* Open a proposal (the answer of proposal:get), keeping any unsaved text of it. */
  setOpen(full) {
    const same = this.open && this.open.id === full.id;
    const before = same ? this.drafts : {};
    if (!same) this.assessing = { checklist: {}, scores: {} };
    this.open = full;
    if (same) this.setAssessment(full);
    this.list[full.id] = Object.assign({}, this.list[full.id] || {}, summaryOf(full));
    const drafts = {};
    const self = this;
    full.sections.forEach(function (s) {
      const kept = before[s.key];
      if (kept && kept.state !== "saved") drafts[s.key] = kept;
      else drafts[s.key] = self.stored(s) || { text: s.text, base: s.version, state: "saved" };
    });
    this.drafts = drafts;
    this.notify({ type: "open" });
  }

  close() {
    this.open = null;
    this.drafts = {};
    this.assessing = { checklist: {}, scores: {} };
    this.notify({ type: "closed" });
  }

  section(key) {
    return this.open ? this.open.sections.find(function (s) { return s.key === key; }) || null : null;
  }

  draft(key) { return this.drafts[key] || null; }

  /* The person typed: the draft now differs from the server until saved. */
  edit(key, text) {
    const d = this.drafts[key];
    if (!d || d.text === text) return;
    d.text = text;
    if (d.state === "saved") d.state = "dirty";
    d.error = null;
    this.remember(key);
    this.notify({ type: "edit", key: key });
  }

  /* The payload of a save of this section, or null when there is nothing to send. */
  outgoing(key) {
    const d = this.drafts[key];
    if (!this.open || !d || d.state !== "dirty") return null;
    d.state = "saving";
    d.sent = d.text;
    return { proposal_id: this.open.id, section: key, base_version: d.base, text: d.text };
  }

  /* The keys of drafts that wait to be sent (after a reconnect, say). */
  pending() {
    const drafts = this.drafts;
    return Object.keys(drafts).filter(function (k) { return drafts[k].state === "dirty"; });
  }

  /* The acknowledgement of a save. */
  answered(key, reply) {
    const d = this.drafts[key];
    if (!d) return;
    if (!reply || !reply.ok) {
      d.state = "dirty";
      d.error = reply && reply.error ? reply.error.message : null;
      this.notify({ type: "save", key: key, result: "error" });
      return;
    }
    const s = reply.section;
    this.serverText(s);
    const typedMore = d.text !== d.sent;
    if (reply.result === "conflict") {
      d.state = "conflict";
      d.theirs = s.text;
      d.theirsVersion = s.version;
    } else if (!typedMore) {
      this.drafts[key] = { text: s.text, base: s.version, state: "saved" };
      this.forget(key);
    } else {
      // Typed on while it was saving: start from the saved version only if it
      // is exactly what was sent; otherwise the next save merges from the old base.
      if (s.text === d.sent) d.base = s.version;
      d.state = "dirty";
    }
    this.notify({ type: "save", key: key, result: reply.result });
  }

  /* No answer came (a timeout, the connection went): it will be sent again. */
  failed(key) {
    const d = this.drafts[key];
    if (d && d.state === "saving") d.state = "dirty";
    this.notify({ type: "save", key: key, result: "failed" });
  }

  /* Resolving a conflict: take the current text, or save one's own over it knowingly. */
  takeTheirs(key) {
    const d = this.drafts[key];
    if (!d || d.state !== "conflict") return;
    this.drafts[key] = { text: d.theirs, base: d.theirsVersion, state: "saved" };
    this.forget(key);
    this.notify({ type: "resolved", key: key });
  }

  keepMine(key) {
    const d = this.drafts[key];
    if (!d || d.state !== "conflict") return;
    d.base = d.theirsVersion;
    d.state = "dirty";
    delete d.theirs;
    delete d.theirsVersion;
    this.remember(key);
    this.notify({ type: "resolved", key: key });
  }

  /* Another person's save arrived. */
  arrived(data) {
    if (!this.serverText(data)) return;
    const d = this.drafts[data.key];
    if (!d) return;
    if (d.state === "saved") {
      this.drafts[data.key] = { text: data.text, base: data.version, state: "saved" };
    } else if (d.state === "conflict") {
      d.theirs = data.text;
      d.theirsVersion = data.version;
    } else {
      d.elsewhere = true; // the page says someone else changed it; the save will merge
    }
  }

  /* An assessment from the server, with this person's own changes still on
   * their way laid over it (an older broadcast must not undo a tick just made). */
  setAssessment(data) {
    if (!this.open) return;
    this.open.checklist = Object.assign({}, data.checklist, this.assessing.checklist);
    this.open.scores = Object.assign({}, data.scores, this.assessing.scores);
    this.open.total = data.total;
  }

  /* A tick {criterion, ticked} or a score {section, score} this person just made:
   * shown at once, sent by the page, confirmed by `assessed`. */
  assess(change) {
    const open = this.open;
    if (!open) return;
    const [field, key, value] = "criterion" in change
      ? ["checklist", change.criterion, change.ticked]
      : ["scores", change.section, change.score];
    this.assessing[field][key] = value;
    open[field] = Object.assign({}, open[field], { [key]: value });
    this.notify({ type: "assess" });
  }

  /* The answer to one's own assessment: the server's state (null on an error). */
  assessed(change, assessment) {
    const field = "criterion" in change ? "checklist" : "scores";
    delete this.assessing[field]["criterion" in change ? change.criterion : change.section];
    if (assessment) this.setAssessment(assessment);
    this.notify({ type: "assess" });
  }

  /* Keep the server's text of a section if newer; true when it was. */
  serverText(s) {
    const known = this.section(s.key);
    if (!known || s.version < known.version) return false;
    known.text = s.text;
    known.version = s.version;
    known.words = s.words;
    return true;
  }

  storageKey(key) { return this.prefix + this.open.id + ":" + key; }

  remember(key) {
    if (!this.storage || !this.open) return;
    const d = this.drafts[key];
    try {
      this.storage.setItem(this.storageKey(key), JSON.stringify({ text: d.text, base: d.base }));
    } catch (e) { /* storage full or blocked: the draft stays in memory */ }
  }

  forget(key) {
    if (!this.storage || !this.open) return;
    try { this.storage.removeItem(this.storageKey(key)); } catch (e) { /* blocked */ }
  }

  /* Unsaved text of this section kept across a reload, as a draft to send. */
  stored(section) {
    if (!this.storage) return null;
    let kept = null;
    try { kept = JSON.parse(this.storage.getItem(this.storageKey(section.key)) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept.text !== "string" || kept.text === section.text) return null;
    const base = typeof kept.base === "number" && kept.base <= section.version ? kept.base : section.version;
    return { text: kept.text, base: base, state: "dirty" };
  }
}

function summaryOf(full) {
  const keys = ["id", "sector_id", "solution_id", "bottleneck_id", "title", "status", "active", "group"];
  const out = {};
  keys.forEach(function (k) { out[k] = full[k]; });
  out.rubric = full.rubric && full.rubric.name;
  return out;
}
