/* What the viewer may do now, as the server said: each card's `actions`, the
 * workshop's `open` (posting, and the phase's gates) and the page config's
 * rules (merge_same, spotlight). The one place a page asks;
 * the only rule decided here is the clock's: when the timer runs out with its
 * lock on, posting closes without waiting for the server. No DOM. */

/* Why posting a `kind` ("bottleneck" | "solution") on a board is closed now,
 * or null when it is open: the server's reason (open.posting: "locked_all",
 * "locked_board", "phase", ...), "time_up" when the clock closed it, or
 * "unknown" before the state has arrived. Pages say it with closedText. */
export function postingClosed(store, sectorId, kind) {
  const w = store.workshop;
  const board = w && w.open && w.open.posting && w.open.posting[String(sectorId)];
  if (!board || board[kind] === undefined) return "unknown";
  if (board[kind] !== null) return board[kind];
  return store.timeUp() ? "time_up" : null;
}

/* A reason of postingClosed in the page's strings: closed_<reason>_<kind>,
 * else closed_<reason>, else "" (null: open). */
export function closedText(reason, kind, t) {
  if (reason === null) return null;
  return t["closed_" + reason + "_" + kind] || t["closed_" + reason] || "";
}

/* The phase's gate on a participant's `action`, as the server told it
 * (open.gates, core/gates.py): {kind, boards, posting}, null when closed,
 * undefined when the action is not gated. Closed until the state arrives. */
function gate(store, action) {
  const w = store.workshop;
  const gates = w && w.open && w.open.gates;
  if (!gates) return null;
  return action in gates ? gates[action] : undefined;
}

/* The viewer's group's board (their own sector's), or null. */
function groupBoard(viewer) {
  const board = viewer && viewer.group_sector;
  return board === null || board === undefined ? null : board;
}

/* Whether a gate, as told, lets this viewer act on `card`: the card's kind,
 * the board (every board, or the group's own), and the board's posting of
 * what the action posts under it. */
function through(g, card, store, viewer) {
  if (g === undefined) return true;
  if (g === null) return false;
  if (g.kind && g.kind !== card.kind) return false;
  if (g.boards === "own" && groupBoard(viewer) !== card.sector_id) return false;
  return !g.posting || postingClosed(store, card.sector_id, g.posting) === null;
}

/* The kind of card dots go on now ("bottleneck" | "solution"), or null. */
export function votingOn(store) {
  const g = gate(store, "vote");
  return (g && g.kind) || null;
}

/* The board whose bottlenecks this viewer's group scores (USG) now, or null. */
export function scoringBoard(store, viewer) {
  const g = gate(store, "assess");
  return g && g.boards === "own" ? groupBoard(viewer) : null;
}

/* The board on which this viewer's group adds causes now, when only its own
 * board takes them; null when causes are not collected or every board takes them. */
export function causeBoard(store, viewer) {
  const w = store.workshop;
  const g = gate(store, "cause");
  if (!w || !w.open || !w.open.causes || !g || g.boards !== "own") return null;
  return groupBoard(viewer);
}

/* May the viewer do `action` to `card` now? state: {store, viewer}.
 * Steering's actions are whole; a participant's also pass the phase's gate
 * as the server told it, and dots need the participant's votes loaded. */
export function may(card, action, state) {
  if (!card || !card.actions || card.actions.indexOf(action) === -1) return false;
  const store = state.store;
  const viewer = state.viewer || {};
  if (viewer.kind === "steering") return true;
  if (action === "vote" && !store.myVotes) return false;
  return through(gate(store, action), card, store, viewer);
}

/* Why `source` may not be merged into `target`, as the server told it: null
 * when it may; "gone" when either lacks its `merge` action (merged, deleted);
 * else the first of `same` (rules.merge_same: the fields two merged cards
 * share, "kind" and "sector_id") in which they differ. */
export function mergeProblem(source, target, same) {
  const takes = function (c) { return !!c && !!c.actions && c.actions.indexOf("merge") !== -1; };
  if (!takes(source) || !takes(target)) return "gone";
  return same.find(function (field) { return source[field] !== target[field]; }) || null;
}

/* Whether `card` may go in the projector's spotlight now, by the rule the
 * server told (rules.spotlight: {statuses, off_when: a setting}). */
export function spotlightable(card, workshop, rule) {
  if (!card || rule.statuses.indexOf(card.status) === -1) return false;
  return !(workshop && workshop.settings[rule.off_when]);
}

/* A participant may add one more dot to `card`: some left, and not at the cap. */
export function canAddDot(card, myVotes) {
  if (!myVotes) return false;
  const left = (myVotes.left || {})[card.kind] || 0;
  return left > 0 && (myVotes.capped || []).indexOf(card.id) === -1;
}

/* The participant's own dots on `card`. */
export function myDots(card, myVotes) {
  return (myVotes && myVotes.cards && myVotes.cards[String(card.id)]) || 0;
}
