/* The attendance's state on every page (docs/PROTOCOL.md, "Attendance"),
 * DOM-free: the count of each day for every screen; every entry for the
 * facilitator (never a picture: those are fetched over HTTP by whoever may
 * see them); a phone's own entries and its join record. Kept from the
 * snapshot (activities.attendance) and the `attendance.signed` broadcasts,
 * whose form the server shapes for each viewer. Tested with node --test
 * (tests/js/attendance-state.test.js). */

import { registerActivity } from "./activities.js";

export const KIND = "attendance";

export function reduce(state, message) {
  if (message.type !== "attendance.signed") return state;
  const data = message.data || {};
  const next = Object.assign({}, state);
  next.counts = Object.assign({}, state.counts);
  next.counts[String(data.day)] = data.count;
  if (data.mine) {
    next.mine = Object.assign({}, state.mine);
    next.mine[String(data.day)] = data;
  }
  if (state.entries && data.id !== undefined && data.role) {
    next.entries = state.entries.filter(function (e) { return e.id !== data.id; });
    const entry = Object.assign({}, data);
    delete entry.count;
    next.entries.push(entry);
  }
  return next;
}

/* How many have signed the list of `day`. */
export function countOf(state, day) {
  return (state.counts && state.counts[String(day)]) || 0;
}

/* This phone's entry of `day`, or null. */
export function mineOf(state, day) {
  return (state.mine && state.mine[String(day)]) || null;
}

/* The entries of `day` (steering), by role (participants, speakers, committee), then time. */
export function entriesOf(state, day) {
  const order = { participant: 0, speaker: 1, committee: 2 };
  return (state.entries || [])
    .filter(function (e) { return e.day === day; })
    .sort(function (a, b) {
      return (order[a.role] - order[b.role]) || (a.signed_at < b.signed_at ? -1 : a.signed_at > b.signed_at ? 1 : a.id - b.id);
    });
}

registerActivity(KIND, { reduce: reduce });
