// The real static/js/presenter/presenter-model.js: the projector's paging maths, when the join strip
// folds and the results view comes, and the top three of a board.
import test from "node:test";
import assert from "node:assert/strict";
import { pageStarts, onPage, nextPage, pageAt, joinOpenByPhase, resultsByPhase, topOf, groupSize } from "../../static/js/presenter/presenter-model.js";

// Cards of the given heights, one under the other with a 10 px gap.
function stack(heights, keep) {
  let top = 0;
  return heights.map(function (h, i) {
    const unit = { top: top, bottom: top + h, keep: !!(keep && keep[i]) };
    top += h + 10;
    return unit;
  });
}

test("every card shows whole on exactly one page, and no page starts inside a card", () => {
  const units = stack([120, 200, 90, 300, 150, 80, 260, 40, 110, 170, 220, 60]);
  const height = 400;
  const starts = pageStarts(units, height);
  assert.equal(starts[0], 0);
  units.forEach(function (u) {
    const pages = starts.filter(function (s, page) { return onPage(u, starts, page, height); });
    assert.equal(pages.length, 1, "card at " + u.top + " is shown whole on one page");
    assert.ok(u.bottom <= pages[0] + height, "and whole");
  });
  starts.slice(1).forEach(function (s) {
    assert.ok(units.some(function (u) { return u.top === s; }), "page starts at a card's top: " + s);
  });
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i] > starts[i - 1], "pages go down");
});

test("a column that fits has one page; no height means one page", () => {
  assert.deepEqual(pageStarts(stack([100, 100]), 500), [0]);
  assert.deepEqual(pageStarts([], 500), [0]);
  assert.deepEqual(pageStarts(stack([100, 100]), 0), [0]);
});

test("a heading goes over to the next page with the card under it", () => {
  // heading 30, card 200, heading 30, card 200: the second heading would end page one.
  const units = stack([30, 200, 30, 200], [true, false, true, false]);
  const starts = pageStarts(units, 300);
  assert.deepEqual(starts, [0, units[2].top]);
});

test("a card taller than the page gets pages of its own, a page height apart", () => {
  const units = stack([100, 900, 100]);
  const starts = pageStarts(units, 400);
  assert.deepEqual(starts.slice(0, 4), [0, 110, 510, 910]);
  assert.ok([1, 2, 3].every((p) => onPage(units[1], starts, p, 400)), "the tall card is on each of its pages");
  assert.ok(onPage(units[2], starts, starts.length - 1, 400));
});

test("turns go round; a column of one page stays", () => {
  assert.equal(nextPage(0, 3), 1);
  assert.equal(nextPage(2, 3), 0);
  assert.equal(nextPage(0, 1), 0);
  assert.equal(pageAt([0, 400, 800], 450), 1);
  assert.equal(pageAt([0, 400, 800], 0), 0);
  assert.equal(pageAt([0], 9999), 0);
});

// As the server tells them: each phase's `results` (Workshop.shows_results).
const PHASES = [
  { id: 1, kind: "lobby", results: false },
  { id: 2, kind: "identify", results: false },
  { id: 3, kind: "vote", vote_on: "bottleneck", results: false },
  { id: 4, kind: "prioritise", allow_scoring: true, results: true },
  { id: 5, kind: "close", results: true }
];

test("the join strip is large in the opening only", () => {
  assert.equal(joinOpenByPhase({ phases: PHASES, phase_id: 1 }), true);
  assert.equal(joinOpenByPhase({ phases: PHASES, phase_id: null }), true);
  assert.equal(joinOpenByPhase({ phases: PHASES, phase_id: 2 }), false);
  assert.equal(joinOpenByPhase({ phases: PHASES, phase_id: 5 }), false);
  assert.equal(joinOpenByPhase(null), true);
});

test("the results view comes of itself in the phases the server says", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(function (id) { return resultsByPhase({ phases: PHASES, phase_id: id }); }), [false, false, false, true, true]);
  const own = [{ id: 7, kind: "custom", results: false }, { id: 8, kind: "custom", results: true }];
  assert.equal(resultsByPhase({ phases: own, phase_id: 8 }), true, "the last phase closes");
  assert.equal(resultsByPhase({ phases: own, phase_id: 7 }), false);
  assert.equal(resultsByPhase({ phases: own, phase_id: null }), false);
});

const scored = (id, total, votes) => ({ id: id, votes: votes, assessment: { u: 5, s: 4, g: 3, total: total } });
const plain = (id, votes) => ({ id: id, votes: votes, assessment: null });

test("the top three: by USG once scored, in the server's order", () => {
  const ranked = [
    { card: scored(4, 14, 1), rank: 1 },
    { card: scored(2, 12, 9), rank: 2 },
    { card: scored(9, 11, 0), rank: 3 },
    { card: scored(3, 10, 5), rank: 4 },
    { card: plain(5, 20), rank: null }
  ];
  const top = topOf(ranked, true, 3);
  assert.equal(top.by, "usg");
  assert.deepEqual(top.rows.map((r) => [r.card.id, r.rank, r.value]), [[4, 1, 14], [2, 2, 12], [9, 3, 11]]);
});

test("the top three by votes only while tallies are shown; hidden tallies stay hidden", () => {
  const ranked = [plain(1, 2), plain(2, 7), plain(3, 0), plain(4, 7), plain(5, 1)].map((c) => ({ card: c, rank: null }));
  const top = topOf(ranked, true, 3);
  assert.equal(top.by, "votes");
  assert.deepEqual(top.rows.map((r) => [r.card.id, r.value]), [[2, 7], [4, 7], [1, 2]]);
  // A tie goes the way the server breaks it (causes:choose_top): by rank_key, not by id.
  const keyed = [plain(2, 7), plain(4, 7)].map((c, i) => ({ card: Object.assign(c, { rank_key: [1, 0, 0, 0, i ? 1 : 9] }), rank: null }));
  assert.deepEqual(topOf(keyed, true, 2).rows.map((r) => r.card.id), [4, 2]);
  const hidden = [1, 2].map((id) => ({ card: { id: id, assessment: null }, rank: null }));
  assert.deepEqual(topOf(hidden, false, 3), { by: null, rows: [] });
  assert.deepEqual(topOf(ranked, false, 3), { by: null, rows: [] }, "no order from tallies the room may not see");
});

test("boards too narrow side by side take turns in even groups", () => {
  // 18rem (288 px) columns, 16 px gaps.
  assert.equal(groupSize(6, 1880, 288, 16), 6, "1920: all six");
  assert.equal(groupSize(6, 1240, 288, 16), 3, "1280: room for four, two groups of three");
  assert.equal(groupSize(6, 984, 288, 16), 3, "1024: three and three");
  assert.equal(groupSize(7, 984, 288, 16), 3, "seven boards in threes: 3, 3, 1");
  assert.equal(groupSize(4, 984, 288, 16), 2);
  assert.equal(groupSize(1, 300, 288, 16), 1);
  assert.equal(groupSize(3, 200, 288, 16), 1, "a very narrow screen: one at a time");
});

test("cards side by side in rows: a row goes over whole, with its heading, and each card shows once", () => {
  // A heading (0-30), then rows of three cards: 40-240, 250-450 (one of them 250-500).
  const heading = { top: 0, bottom: 30, keep: true };
  const row1 = [0, 1, 2].map(() => ({ top: 40, bottom: 240, keep: false }));
  const heading2 = { top: 250, bottom: 280, keep: true };
  const row2 = [{ top: 290, bottom: 450 }, { top: 290, bottom: 500 }, { top: 290, bottom: 420 }].map((u) => Object.assign({ keep: false }, u));
  const units = [heading].concat(row1, [heading2], row2);
  const starts = pageStarts(units, 400);
  assert.deepEqual(starts, [0, 250], "the second heading starts the page of its row");
  units.forEach((u) => {
    const pages = starts.filter((s, p) => onPage(u, starts, p, 400));
    assert.equal(pages.length, 1);
  });
});

test("a heading alone at the top of a column does not make a page of its own", () => {
  // The heading's margin puts it 4 px down; the card under it is taller than the page.
  const units = [{ top: 4, bottom: 30, keep: true }, { top: 40, bottom: 600, keep: false }, { top: 610, bottom: 700, keep: false }];
  const starts = pageStarts(units, 400);
  assert.equal(starts[0], 0);
  assert.ok(onPage(units[1], starts, 0, 400), "the card shows on the first page with its heading");
});

test("a page that goes on with a cluster starts higher by its heading's room", () => {
  const units = [{ top: 0, bottom: 30, keep: true }].concat(
    [40, 150, 260, 370].map((top) => ({ top: top, bottom: top + 100, keep: false, lead: 38 }))
  );
  const starts = pageStarts(units, 300);
  assert.deepEqual(starts.slice(0, 2), [0, 222], "room for the heading above the third card");
  assert.ok(onPage(units[3], starts, 1, 300), "the third card is whole on page 2");
  assert.ok(onPage(units[2], starts, 0, 300) && !onPage(units[2], starts, 1, 300), "the second shows once");
  // No room for the heading too: the page starts at the card.
  const tall = [{ top: 0, bottom: 30, keep: true }, { top: 40, bottom: 280, lead: 38 }, { top: 290, bottom: 580, lead: 38 }];
  assert.deepEqual(pageStarts(tall, 300), [0, 290]);
});
