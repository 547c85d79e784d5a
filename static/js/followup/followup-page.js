/* The phone's follow-up page: the entry. Its agency's action plans, kept live
 * by one Stream (sequenced, replayed on reconnect); a tap on a status sends
 * `plan:status` (docs/PROTOCOL.md). Which items are the agency's is the
 * server's answer: the page compares the keys it was given. */

import { readJSON } from "../shared/dom.js";
import { Stream } from "../shared/stream.js";
import { FollowUp } from "../shared/followup.js";
import { createItemList } from "../shared/followup-view.js";

const config = readJSON("page-config");
const t = readJSON("followup-strings");
const follow = new FollowUp({ agencyKey: config.viewer.agency_key });
const status = document.getElementById("connection");
const stateNote = document.getElementById("fu-state");

function showStatus(state, detail) {
  status.className = "connection " + state;
  if (state === "online") status.textContent = t.online;
  else if (state === "offline") status.textContent = t.offline;
  else status.textContent = (detail && detail.message) || t.refused;
}

const stream = new Stream({
  code: config.code,
  store: follow,
  sectorId: function () { return config.viewer.sector_id; },
  onStatus: showStatus
});

const list = createItemList(document.getElementById("fu-items"), document.getElementById("fu-empty"), follow, {
  t: t,
  statuses: config.rules.follow_up_statuses,
  noteMax: config.rules.limits.note,
  mayUpdate: function () { return follow.open(); },
  send: function (payload, done) {
    stream.emit("plan:status", payload, 10000, function (err, reply) {
      if (err || !reply) return done({ message: t.failed });
      if (!reply.ok) return done(reply.error);
      follow.apply({ type: "followup.updated", data: reply.item }); /* at once, before the broadcast */
      done(null);
    });
  },
  formatTime: function (iso) {
    const when = new Date(iso);
    return isNaN(when.getTime()) ? iso : when.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  }
});

function render() {
  stateNote.textContent = follow.readOnly() ? t.archived : follow.open() ? t.open : t.closed;
  list.render();
}

follow.onChange(render);
