// The real static/js/shared/similar.js: when the phone asks for similar cards while
// its participant types, what it offers, and which suggestions the facilitator sees.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import {
  createAsker, offerFrom, supportOrView, mergesToShow, clustersToShow, clusterTitle, suggestionKey, createRefresher
} from "../../static/js/shared/similar.js";

/* Timers run by hand: tick(ms) fires what is due. */
function clock() {
  let now = 0;
  let next = 1;
  const due = new Map();
  return {
    set: function (fn, ms) { due.set(next, { at: now + ms, fn }); return next++; },
    clear: function (id) { due.delete(id); },
    tick: function (ms) {
      now += ms;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && due.has(id)) { due.delete(id); t.fn(); }
      }
    }
  };
}

function asker(extra) {
  const timers = clock();
  const asked = []; // [query, answer(list)]
  const shown = [];
  const state = { connected: true };
  const a = createAsker(Object.assign({
    min: 4,
    timers,
    connected: () => state.connected,
    ask: (query, done) => asked.push([query, done]),
    show: (list, query) => shown.push([list, query && query.text])
  }, extra || {}));
  return { a, timers, asked, shown, state };
}

const q = (text, sector) => ({ sector_id: sector || 3, kind: "bottleneck", text });

test("asks once the typing pauses, not on every key, and not for a few letters", () => {
  const { a, timers, asked } = asker();
  a.typed(q("ant"));
  timers.tick(1000);
  assert.equal(asked.length, 0, "3 characters: nothing to ask");
  a.typed(q("antr"));
  timers.tick(300);
  a.typed(q("antri"));
  timers.tick(300);
  a.typed(q("antri e-KTP  "));
  timers.tick(599);
  assert.equal(asked.length, 0, "still typing");
  timers.tick(1);
  assert.deepEqual(asked.map((x) => x[0]), [q("antri e-KTP")], "one request, for the text as it is now, trimmed");
});

test("one request at a time; an answer for an older text is dropped and the latest asked", () => {
  const { a, timers, asked, shown } = asker();
  a.typed(q("antri e-KTP"));
  timers.tick(600);
  a.typed(q("antri e-KTP berjam-jam"));
  timers.tick(600);
  assert.equal(asked.length, 1, "the first is still on its way");
  asked[0][1]([{ id: 1 }]);
  assert.deepEqual(shown, [], "its answer is for a text no longer typed");
  assert.equal(asked.length, 2);
  assert.equal(asked[1][0].text, "antri e-KTP berjam-jam");
  asked[1][1]([{ id: 2 }]);
  assert.deepEqual(shown, [[[{ id: 2 }], "antri e-KTP berjam-jam"]]);
});

test("an answer that comes while a newer pause is still running waits for that pause", () => {
  const { a, timers, asked, shown } = asker();
  a.typed(q("antri e-KTP"));
  timers.tick(600);
  a.typed(q("antri e-KTP lama"));
  asked[0][1]([{ id: 1 }]);
  assert.equal(asked.length, 1, "the newer text is asked when its own pause ends");
  timers.tick(600);
  assert.equal(asked.length, 2);
  assert.deepEqual(shown, []);
});

test("clearing the text, or posting it, takes the offer away and drops a late answer", () => {
  const { a, timers, asked, shown } = asker();
  a.typed(q("antri e-KTP"));
  timers.tick(600);
  a.typed(q(""));
  assert.deepEqual(shown, [[[], null]]);
  asked[0][1]([{ id: 1 }]);
  assert.deepEqual(shown, [[[], null]], "late answer ignored");
  a.typed(q("antri e-KTP"));
  a.clear();
  timers.tick(600);
  assert.equal(asked.length, 1, "a pause cut short by clear() asks nothing");
});

test("only while connected; the same text on the same board is not asked twice; another board is", () => {
  const { a, timers, asked, state } = asker();
  state.connected = false;
  a.typed(q("antri e-KTP"));
  timers.tick(600);
  assert.equal(asked.length, 0);
  state.connected = true;
  a.typed(q("antri e-KTP 3 jam"));
  timers.tick(600);
  asked[0][1]([]);
  a.typed(q("antri e-KTP 3 jam "));
  timers.tick(600);
  assert.equal(asked.length, 1, "a trailing space is the same text");
  a.typed(q("antri e-KTP 3 jam", 4));
  timers.tick(600);
  assert.equal(asked.length, 2, "the phone moved to another board");
  assert.equal(asked[1][0].sector_id, 4);
});

function storeWith(cards, open, myVotes, settings) {
  const s = new Store();
  s.load({
    workshop: { sectors: [], phases: [], phase_id: null, settings: Object.assign({ votes_revealed: true }, settings || {}), timer: { remaining: null }, open: open || { posting: {}, voting: null } },
    cards,
    my_votes: myVotes
  });
  return s;
}

const card = (id, extra) => Object.assign({ id, sector_id: 3, kind: "bottleneck", parent_id: null, status: "visible", text: "kartu " + id, actions: ["vote"], cluster_id: null }, extra || {});

test("the offer: as the store knows each card now, none gone from the board, at most three", () => {
  const s = storeWith([card(1, { votes: 5 }), card(2, { status: "merged" }), card(3), card(4), card(5)]);
  const answer = [{ id: 1, votes: 2, score: 0.9 }, { id: 2, score: 0.8 }, { id: 9, score: 0.7 }, { id: 3 }, { id: 4 }, { id: 5 }];
  const offered = offerFrom(answer, s, null);
  assert.deepEqual(offered.map((c) => c.id), [1, 3, 4, 5], "merged and unknown cards are not offered");
  assert.equal(offered[0].votes, 5, "the store's tally is fresher than the answer's");
  assert.equal(offered[0].score, 0.9);
});

test("the offer under a bottleneck: only solutions of that bottleneck", () => {
  const s = storeWith([card(1), card(2, { kind: "solution", parent_id: 1 }), card(3, { kind: "solution", parent_id: 7 })]);
  assert.deepEqual(offerFrom([{ id: 3 }, { id: 2 }], s, 1).map((c) => c.id), [2]);
});

test("one tap: a vote while dots go on this kind and one is left, else view", () => {
  const viewer = { kind: "participant", participant: { id: 5 }, sector_id: 3 };
  const votes = { cards: {}, left: { bottleneck: 1, solution: 0 }, budget: 3, cap: null, capped: [2] };
  const s = storeWith([card(1), card(2)], { posting: {}, voting: "bottleneck", gates: { vote: { kind: "bottleneck", boards: "all", posting: null } } }, votes);
  const state = { store: s, viewer };
  assert.equal(supportOrView(s.cards[1], state), "vote");
  assert.equal(supportOrView(s.cards[2], state), "view", "capped");
  assert.equal(supportOrView(card(3, { actions: [] }), state), "view", "no vote action (e.g. still pending)");
  assert.equal(supportOrView(card(4, { kind: "solution" }), state), "view", "dots go on bottlenecks now");
  s.setMyVotes(Object.assign({}, votes, { left: { bottleneck: 0 } }));
  assert.equal(supportOrView(s.cards[1], state), "view", "no dots left");
  const closed = storeWith([card(1)], { posting: {}, voting: null, gates: { vote: null } }, votes);
  assert.equal(supportOrView(closed.cards[1], { store: closed, viewer }), "view");
});

test("one tap outside voting: a +1 on a card that takes one, while its board collects its kind, once", () => {
  const viewer = { kind: "participant", participant: { id: 5 }, sector_id: 3 };
  const open = { posting: { 3: { bottleneck: null, solution: "phase" } }, voting: null, gates: { vote: null } };
  const s = storeWith([card(1, { actions: ["support"] }), card(2, { actions: [] }), card(3, { kind: "solution", actions: ["support"] })], open, null);
  const state = { store: s, viewer };
  assert.equal(supportOrView(s.cards[1], state), "support");
  assert.equal(supportOrView(s.cards[2], state), "view", "no support action");
  const own = card(4, { actions: ["support"], author: { id: 5, name: "Andi" } });
  assert.equal(supportOrView(own, state), "view", "the viewer's own card");
  assert.equal(supportOrView(card(6, { actions: ["support"], author: { id: 8, name: "Budi" } }), state), "support");
  assert.equal(supportOrView(s.cards[3], state), "view", "the board does not collect solutions now");
  assert.equal(supportOrView(s.cards[1], state, new Set([1])), "view", "supported already");
  const locked = storeWith([card(1, { actions: ["support"] })], { posting: { 3: { bottleneck: "locked_board" } }, voting: null, gates: { vote: null } }, null);
  assert.equal(supportOrView(locked.cards[1], { store: locked, viewer }), "view");
  const votes = { cards: {}, left: { bottleneck: 2 }, budget: 3, cap: null, capped: [] };
  const voting = storeWith([card(1, { actions: ["vote", "support"] })], { posting: { 3: { bottleneck: null } }, voting: "bottleneck", gates: { vote: { kind: "bottleneck", boards: "all", posting: null } } }, votes);
  assert.equal(supportOrView(voting.cards[1], { store: voting, viewer }), "vote", "a dot where voting is open");
});

test("merges: the newer card goes into the older; gone, moved or dismissed ones are not shown", () => {
  const s = storeWith([card(4), card(9), card(5, { status: "hidden" }), card(6), card(7, { sector_id: 8 }), card(10), card(11)]);
  const reply = {
    sector_id: 3,
    merges: [
      { kind: "bottleneck", cards: [4, 9], score: 0.81 },
      { kind: "bottleneck", cards: [5, 6], score: 0.7 },
      { kind: "bottleneck", cards: [6, 7], score: 0.6 },
      { kind: "bottleneck", cards: [10, 11], score: 0.5 }
    ]
  };
  const shown = mergesToShow(reply, s, { [suggestionKey("merge", [11, 10])]: true });
  assert.equal(shown.length, 1);
  assert.deepEqual([shown[0].type, shown[0].source.id, shown[0].target.id, shown[0].score], ["merge", 9, 4, 0.81]);
  assert.equal(shown[0].key, "merge:4,9");
  assert.deepEqual(mergesToShow(null, s, {}), []);
});

test("clusters: two visible cards at least, not all in one cluster already", () => {
  const s = storeWith([card(1, { cluster_id: 2 }), card(2, { cluster_id: 2 }), card(3), card(4, { status: "merged" }), card(5)]);
  const reply = { sector_id: 3, clusters: [{ kind: "bottleneck", cards: [1, 2] }, { kind: "bottleneck", cards: [3, 4] }, { kind: "bottleneck", cards: [5, 3, 1] }] };
  const shown = clustersToShow(reply, s, {});
  assert.equal(shown.length, 1);
  assert.deepEqual(shown[0].cards.map((c) => c.id), [1, 3, 5], "oldest first");
  assert.equal(shown[0].type, "cluster");
  assert.deepEqual(clustersToShow(reply, s, { "cluster:1,3,5": true }), []);
});

test("a cluster's title starts as the first card's text, cut at a word", () => {
  assert.equal(clusterTitle([{ text: "Antrean KTP-el" }]), "Antrean KTP-el");
  const long = { text: "Antrean perekaman KTP-el di Disdukcapil sampai 3 jam, setiap hari Senin dan Kamis" };
  const title = clusterTitle([long], 48);
  assert.ok(title.length <= 48, title);
  // Not "... sampai 3" nor "... di": a shortened title ends where a phrase does.
  assert.equal(title, "Antrean perekaman KTP-el di Disdukcapil");
  assert.equal(clusterTitle([{ text: "Antrean pendaftaran pasien BPJS di Puskesmas Bontonompo sejak subuh" }], 36), "Antrean pendaftaran pasien BPJS");
  assert.equal(clusterTitle([{ text: "Blanko KTP-el habis, warga menunggu tiga bulan untuk mencetak" }], 40), "Blanko KTP-el habis");
  assert.equal(clusterTitle([{ text: "x".repeat(80) }], 20), "x".repeat(20));
  assert.equal(clusterTitle([]), "");
});

test("the facilitator's refresh: changes fold into one fetch, one at a time, once more if asked meanwhile", () => {
  const timers = clock();
  const fetches = [];
  const r = createRefresher((done) => fetches.push(done), { delay: 2000, timers });
  r.soon();
  timers.tick(1000);
  r.soon();
  timers.tick(1000);
  assert.equal(fetches.length, 1, "a stream of changes cannot put it off for ever");
  r.soon();
  timers.tick(2000);
  assert.equal(fetches.length, 1, "one at a time");
  fetches[0]();
  assert.equal(fetches.length, 2, "asked meanwhile: once more");
  fetches[1]();
  r.now();
  assert.equal(fetches.length, 3);
});
