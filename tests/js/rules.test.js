// The real static/js/shared/rules.js: what a page offers, from the server's actions and open state.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { may, postingClosed, closedText, votingOn, scoringBoard, causeBoard, canAddDot, myDots } from "../../static/js/shared/rules.js";

const PARTICIPANT = { kind: "participant", participant: { id: 5, name: "Andi" }, sector_id: 1, group_sector: 1 };
const STEERING = { kind: "steering", participant: null };

function store(open, timer, myVotes, settings) {
  let now = 0;
  const s = new Store({ now: () => now });
  s.load({
    workshop: { sectors: [], phases: [], phase_id: null, settings: Object.assign({ votes_revealed: true }, settings || {}), timer: timer || { remaining: null }, open },
    cards: [],
    my_votes: myVotes
  });
  s.later = (ms) => { now += ms; };
  return s;
}

// The phase's gates as core/gates.py tells them (open.gates).
const gate = (extra) => Object.assign({ kind: null, boards: "all", posting: null }, extra);
const GATES = {
  vote: gate({ kind: "bottleneck" }),
  assess: gate({ kind: "bottleneck", boards: "own" }),
  cause: gate({ boards: "own", posting: "cause" }),
  solve: gate({ posting: "solution" })
};
const OPEN = { posting: { 1: { bottleneck: null, solution: null }, 2: { bottleneck: "locked_board", solution: "locked_board" } }, voting: "bottleneck", scoring: true, gates: GATES };
const CLOSED = Object.assign({}, GATES, { vote: null, assess: null });
const VOTES = { cards: { 3: 1 }, left: { bottleneck: 2, solution: 3 }, budget: 3, cap: 2, capped: [4] };
const card = (id, extra) => Object.assign({ id, sector_id: 1, kind: "bottleneck", status: "visible", actions: ["vote", "assess", "solve"] }, extra || {});

test("posting: the server's reason, or null when open", () => {
  const s = store(OPEN);
  assert.equal(postingClosed(s, 1, "bottleneck"), null);
  assert.equal(postingClosed(s, 2, "solution"), "locked_board");
  assert.equal(postingClosed(s, 3, "bottleneck"), "unknown", "a board the server did not name is closed");
  assert.equal(postingClosed(store(undefined), 1, "bottleneck"), "unknown", "closed until the state arrives");
});

test("posting: the clock closes it when the timer runs out with its lock on", () => {
  const s = store(OPEN, { seconds: 60, running: true, remaining: 2, lock: true });
  assert.equal(postingClosed(s, 1, "bottleneck"), null);
  s.later(3000);
  assert.equal(postingClosed(s, 1, "bottleneck"), "time_up");
  assert.equal(postingClosed(s, 2, "bottleneck"), "locked_board", "the server's reason first");
  const unlocked = store(OPEN, { seconds: 60, running: true, remaining: 2, lock: false });
  unlocked.later(3000);
  assert.equal(postingClosed(unlocked, 1, "bottleneck"), null);
});

test("a reason is said in the page's strings, by kind where they differ", () => {
  const t = { closed_phase_bottleneck: "No bottlenecks now", closed_locked_board: "Board locked" };
  assert.equal(closedText(null, "bottleneck", t), null);
  assert.equal(closedText("phase", "bottleneck", t), "No bottlenecks now");
  assert.equal(closedText("locked_board", "solution", t), "Board locked");
  assert.equal(closedText("something_new", "solution", t), "");
});

test("a participant may only what the card's actions say, within what is open", () => {
  const s = store(OPEN, null, VOTES);
  const state = { store: s, viewer: PARTICIPANT };
  assert.equal(may(card(3), "vote", state), true);
  assert.equal(may(card(3, { kind: "solution" }), "vote", state), false, "dots go on bottlenecks now");
  assert.equal(may(card(3, { actions: [] }), "vote", state), false);
  assert.equal(may(card(3), "assess", state), true);
  assert.equal(may(card(3, { sector_id: 2 }), "assess", state), false, "only the group's own board");
  assert.equal(may(card(3), "solve", state), true);
  assert.equal(may(card(3, { sector_id: 2 }), "solve", state), false, "solutions closed on that board");
  assert.equal(may(card(3), "delete", state), false);
  assert.equal(may(null, "vote", state), false);
  const closed = store({ posting: OPEN.posting, voting: null, scoring: false, gates: CLOSED }, null, VOTES);
  const later = { store: closed, viewer: PARTICIPANT };
  assert.equal(may(card(3), "vote", later), false);
  assert.equal(may(card(3), "assess", later), false);
  assert.equal(votingOn(closed), null);
  assert.equal(scoringBoard(closed, PARTICIPANT), null);
  assert.equal(scoringBoard(s, PARTICIPANT), 1);
  assert.equal(scoringBoard(s, { kind: "participant", group_sector: null }), null);
});

test("steering may whatever the card's actions say, in any phase", () => {
  const s = store({ posting: {}, voting: null, scoring: false, gates: CLOSED });
  const state = { store: s, viewer: STEERING };
  const c = card(3, { actions: ["approve", "hide", "delete", "edit", "merge", "vote"] });
  assert.equal(may(c, "approve", state), true);
  assert.equal(may(c, "vote", state), true);
  assert.equal(may(c, "show", state), false);
  assert.equal(may(c, "restore", state), false);
});

test("a dot can be added with some left, unless the card is at the cap", () => {
  assert.equal(canAddDot(card(3), VOTES), true);
  assert.equal(canAddDot(card(4), VOTES), false, "capped");
  assert.equal(canAddDot(card(3, { kind: "solution" }), VOTES), true);
  assert.equal(canAddDot(card(3), Object.assign({}, VOTES, { left: { bottleneck: 0 } })), false);
  assert.equal(canAddDot(card(3), null), false);
  assert.equal(myDots(card(3), VOTES), 1);
  assert.equal(myDots(card(9), VOTES), 0);
});

const CAUSES = {
  posting: { 1: { bottleneck: "phase", solution: "phase", cause: null }, 2: { bottleneck: "phase", solution: "phase", cause: null }, 3: { cause: "locked_board" } },
  voting: null,
  scoring: false,
  causes: true,
  gates: CLOSED
};
// causes_open: the facilitator let every sector add causes to every board.
const EVERY_BOARD = Object.assign({}, CAUSES, { gates: Object.assign({}, CLOSED, { cause: gate({ posting: "cause" }) }) });
const NO_CAUSES = Object.assign({}, CAUSES, { causes: false, posting: { 1: { cause: "phase" }, 2: { cause: "phase" } } });
const chosen = (id, extra) => card(id, Object.assign({ analysed: true, actions: ["vote", "assess", "solve", "cause"] }, extra || {}));

test("a cause: the card takes one, the phase collects them, the board is open and it is the group's own", () => {
  const state = { store: store(CAUSES), viewer: PARTICIPANT };
  assert.equal(may(chosen(3), "cause", state), true);
  assert.equal(may(chosen(3, { kind: "cause", depth: 1 }), "cause", state), true, "a why under a cause");
  assert.equal(may(chosen(3, { actions: ["vote"] }), "cause", state), false, "not chosen, or as deep as allowed: no action");
  assert.equal(may(chosen(3, { sector_id: 2 }), "cause", state), false, "another sector's board");
  assert.equal(may(chosen(3, { sector_id: 3 }), "cause", state), false, "a locked board");
  const open = { store: store(EVERY_BOARD), viewer: PARTICIPANT };
  assert.equal(may(chosen(3, { sector_id: 2 }), "cause", open), true, "causes_open lets every sector in");
  assert.equal(may(chosen(3, { sector_id: 3 }), "cause", open), false, "but not past a lock");
  const later = { store: store(NO_CAUSES), viewer: PARTICIPANT };
  assert.equal(may(chosen(3), "cause", later), false, "a phase without causes");
  const projector = { store: store(CAUSES), viewer: { kind: "display" } };
  assert.equal(may(chosen(3, { actions: [] }), "cause", projector), false);
  assert.equal(may(chosen(3, { sector_id: 2 }), "cause", { store: store({ posting: {}, gates: CLOSED }), viewer: STEERING }), true, "steering: the action is enough");
});

test("a cause closes with the clock like any post", () => {
  const s = store(CAUSES, { seconds: 60, running: true, remaining: 1, lock: true });
  const state = { store: s, viewer: PARTICIPANT };
  assert.equal(may(chosen(3), "cause", state), true);
  s.later(2000);
  assert.equal(may(chosen(3), "cause", state), false);
});

test("the board where the group adds causes, when only its own takes them", () => {
  assert.equal(causeBoard(store(CAUSES), PARTICIPANT), 1);
  assert.equal(causeBoard(store(EVERY_BOARD), PARTICIPANT), null);
  assert.equal(causeBoard(store(NO_CAUSES), PARTICIPANT), null);
  assert.equal(causeBoard(store(CAUSES), STEERING), null);
});

test("the spotlight and merges follow the rules the server told", async () => {
  const { spotlightable, mergeProblem } = await import("../../static/js/shared/rules.js");
  const rule = { statuses: ["visible"], off_when: "concealed" };
  const w = (concealed) => ({ settings: { concealed } });
  assert.equal(spotlightable(card(1), w(false), rule), true);
  assert.equal(spotlightable(card(1), w(true), rule), false, "the boards are concealed");
  assert.equal(spotlightable(card(1, { status: "hidden" }), w(false), rule), false);
  assert.equal(spotlightable(card(1, { status: "hidden" }), w(false), { statuses: ["visible", "hidden"], off_when: "concealed" }), true);
  const merging = (id, extra) => card(id, Object.assign({ actions: ["merge"] }, extra || {}));
  const same = ["kind", "sector_id"];
  assert.equal(mergeProblem(merging(1), merging(2), same), null);
  assert.equal(mergeProblem(merging(1), merging(2, { sector_id: 2 }), same), "sector_id");
  assert.equal(mergeProblem(merging(1), merging(2, { kind: "solution" }), same), "kind");
  assert.equal(mergeProblem(merging(1), card(2, { actions: ["restore"] }), same), "gone", "a deleted card");
  assert.equal(mergeProblem(merging(1), undefined, same), "gone");
});
