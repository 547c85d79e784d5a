// The agenda's activities: the registry, the switch between a page's usual
// view and an activity's panel, and the attendance's state in the real Store.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { registerActivity, activityOf, createActivitySwitch } from "../../static/js/shared/activities.js";
import { countOf, mineOf, entriesOf } from "../../static/js/shared/attendance-state.js";

function summary(kind) {
  return {
    code: "ABCDEF", sectors: [], settings: {}, timer: {}, open: {},
    phases: [{ id: 1, kind: "identify", day: 1 }, { id: 2, kind: kind, day: 2 }],
    phase_id: 2
  };
}

/* A node of the page's usual view: the switch covers it with a class, never its `hidden`. */
function covered() {
  const node = { hidden: false, covered: false };
  node.classList = { toggle: function (name, on) { assert.equal(name, "activity-covered"); node.covered = on; } };
  return node;
}

test("a phase whose kind no page module registered is a plain phase", () => {
  assert.equal(activityOf({ kind: "identify" }), null);
  assert.equal(activityOf(null), null);
  registerActivity("demo", { mount: function () { return { render: function () {} }; } });
  assert.equal(activityOf({ kind: "demo" }), "demo");
});

test("the switch shows the current activity's panel and hides the usual view, then back", () => {
  const drawn = [];
  registerActivity("quiz", {
    reduce: function (state, message) { return { n: (state.n || 0) + message.data.n }; },
    mount: function (ctx, root) {
      root.mounted = (root.mounted || 0) + 1;
      return { render: function (state, phase) { drawn.push([state.n, phase.id]); } };
    }
  });
  const store = new Store();
  store.load({ workshop: summary("quiz"), cards: [], clusters: [], activities: { quiz: { n: 1 } } });
  const root = { hidden: true };
  const board = covered();
  const sw = createActivitySwitch({ store: store }, { find: function () { return root; }, normal: [board] });
  assert.equal(sw.render(), "quiz");
  assert.deepEqual([root.hidden, board.covered], [false, true]);
  store.apply({ type: "quiz.answered", data: { n: 2 } });
  sw.render();
  assert.deepEqual(drawn, [[1, 2], [3, 2]]);
  assert.equal(root.mounted, 1);
  store.apply({ type: "workshop.updated", data: Object.assign(summary("quiz"), { phase_id: 1 }) });
  assert.equal(sw.render(), null);
  assert.deepEqual([root.hidden, board.covered], [true, false]);
});

test("a page without the kind's panel keeps its usual view", () => {
  const store = new Store();
  store.load({ workshop: summary("quiz"), cards: [], clusters: [] });
  const board = covered();
  const sw = createActivitySwitch({ store: store }, { find: function () { return null; }, normal: [board] });
  assert.equal(sw.render(), null);
  assert.equal(board.covered, false);
});

test("attendance: counts for all, a phone's own entry, every entry for steering", () => {
  const phone = new Store();
  phone.load({ workshop: summary("attendance"), cards: [], clusters: [], activities: { attendance: { counts: { 1: 4 }, mine: {} } } });
  phone.apply({ type: "attendance.signed", data: { day: 2, count: 1 } });
  assert.equal(countOf(phone.activities.attendance, 2), 1);
  assert.equal(mineOf(phone.activities.attendance, 2), null);
  phone.apply({ type: "attendance.signed", data: { day: 2, count: 2, mine: true, id: 9, name: "Andi" } });
  assert.equal(mineOf(phone.activities.attendance, 2).name, "Andi");
  assert.equal(countOf(phone.activities.attendance, 1), 4);

  const cockpit = new Store();
  cockpit.load({ workshop: summary("attendance"), cards: [], clusters: [], activities: { attendance: { counts: {}, entries: [] } } });
  const entry = { id: 9, day: 2, role: "participant", name: "Andi", signed_at: "2026-12-08T01:00:00Z", participant_id: 3 };
  cockpit.apply({ type: "attendance.signed", data: Object.assign({ count: 1 }, entry) });
  cockpit.apply({ type: "attendance.signed", data: Object.assign({ count: 2 }, entry, { id: 10, role: "committee", name: "Budi", participant_id: null }) });
  cockpit.apply({ type: "attendance.signed", data: Object.assign({ count: 2 }, entry, { name: "Andi R." }) });
  assert.deepEqual(entriesOf(cockpit.activities.attendance, 2).map(function (e) { return e.name; }), ["Andi R.", "Budi"]);
  assert.equal(countOf(cockpit.activities.attendance, 2), 2);
});
