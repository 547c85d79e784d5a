/* The agenda's activities (issue 28; docs/PROTOCOL.md, "Activities"): when the
 * current phase's kind is an activity (attendance, questions, poll...), each
 * page shows that activity's panel: the phone and the projector in place of
 * their usual view, the cockpit at the top of its boards tab.
 *
 * One registry, filled by the activity modules themselves as they load:
 * `registerActivity(kind, { reduce, mount })`. A page loads its activities by
 * one import line a kind in its own list (board/board-activities.js,
 * presenter/presenter-activities.js, facilitator/facilitator-activities.js).
 *   reduce(state, message) -> state   DOM-free; applies the kind's broadcasts
 *                                     ("<kind>.<what>") to its snapshot state
 *                                     (snapshot.activities[kind]), in the Store;
 *   mount(ctx, root) -> { render(state, phase, change) }
 *                                     draws the kind's panel into `root`, the
 *                                     page's element [data-activity="<kind>"]
 *                                     (the kind's own partial), once shown.
 * No DOM here beyond `hidden` on the panels and a class on the nodes a page
 * hands over (`activity-covered`, display: none in app.css: the page's own
 * `hidden` on them is left alone): tested with node --test
 * (tests/js/activities.test.js). */

const reducers = {}; // kind -> reduce(state, message)
const mounts = {}; // kind -> mount(ctx, root)

export function registerActivity(kind, parts) {
  if (parts.reduce) reducers[kind] = parts.reduce;
  if (parts.mount) mounts[kind] = parts.mount;
}

/* Apply a broadcast to `activities` (kind -> state) if an activity owns its
 * type; true when one did. */
export function applyActivity(activities, message) {
  const kind = String(message.type || "").split(".")[0];
  const reduce = reducers[kind];
  if (!reduce) return false;
  activities[kind] = reduce(activities[kind] || {}, message);
  return true;
}

/* Whether a broadcast of this type is an activity's own (it touches no board). */
export function isActivityEvent(type) {
  return !!reducers[String(type || "").split(".")[0]];
}

/* The activity of `phase` this page can show, or null (a plain phase). */
export function activityOf(phase) {
  return phase && mounts[phase.kind] ? phase.kind : null;
}

/* The switch a page renders on each change: `find(kind)` gives the kind's
 * root element (or null: the page has no panel for it), `normal` the elements
 * of the page's usual view, covered while an activity is shown. */
export function createActivitySwitch(ctx, options) {
  const panels = {}; // kind -> {root, view}
  const normal = options.normal || [];
  let shown = null;

  function panel(kind) {
    if (!panels[kind]) {
      const root = options.find(kind);
      panels[kind] = { root: root, view: root ? mounts[kind](ctx, root) : null };
    }
    return panels[kind];
  }

  function render(change) {
    const phase = ctx.store.phase();
    let kind = activityOf(phase);
    if (kind && !panel(kind).view) kind = null;
    if (shown && shown !== kind) panels[shown].root.hidden = true;
    shown = kind;
    normal.forEach(function (node) { node.classList.toggle("activity-covered", !!kind); });
    if (!kind) return null;
    const item = panels[kind];
    item.root.hidden = false;
    item.view.render(ctx.store.activities[kind] || {}, phase, change || {});
    return kind;
  }

  return { render: render, current: function () { return shown; } };
}
