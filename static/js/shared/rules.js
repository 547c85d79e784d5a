/* What the viewer may do now, as the server said: each card's `actions` and
 * the workshop's `open` (posting, voting, scoring, causes). The one place a page asks;
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

/* The kind of card dots go on now ("bottleneck" | "solution"), or null. */
export function votingOn(store) {
  const w = store.workshop;
  return (w && w.open && w.open.voting) || null;
}

/* The board whose bottlenecks this viewer's group scores (USG) now, or null. */
export function scoringBoard(store, viewer) {
  const w = store.workshop;
  const board = viewer && viewer.scores_sector;
  return w && w.open && w.open.scoring && board !== null && board !== undefined ? board : null;
}

/* The board on which this viewer's group adds causes now, when only its own
 * board takes them (settings.causes_open off); null when causes are not
 * collected or every board takes them. */
export function causeBoard(store, viewer) {
  const w = store.workshop;
  if (!w || !w.open || !w.open.causes || w.settings.causes_open) return null;
  const board = viewer && viewer.scores_sector;
  return board === null || board === undefined ? null : board;
}

/* May the viewer do `action` to `card` now? state: {store, viewer}.
 * Steering's actions are whole; a participant's also need the phase's gate. */
export function may(card, action, state) {
  if (!card || !card.actions || card.actions.indexOf(action) === -1) return false;
  const store = state.store;
  const viewer = state.viewer || {};
  if (viewer.kind === "steering") return true;
  switch (action) {
    case "vote":
      return votingOn(store) === card.kind && !!store.myVotes;
    case "assess":
      return scoringBoard(store, viewer) === card.sector_id;
    case "solve":
      return postingClosed(store, card.sector_id, "solution") === null;
    case "cause": {
      // A cause under the card: the phase collects causes, the board takes
      // them now, and it is the group's own board unless every board is open.
      const w = store.workshop;
      if (!w || !w.open || !w.open.causes) return false;
      if (postingClosed(store, card.sector_id, "cause") !== null) return false;
      return !!w.settings.causes_open || viewer.scores_sector === card.sector_id;
    }
    default:
      return true;
  }
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
