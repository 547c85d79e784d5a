// The real static/js/shared/stream.js Cursor: catching up by sequence number.
import test from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../static/js/shared/store.js";
import { Cursor } from "../../static/js/shared/stream.js";

const W = { sectors: [], phases: [], phase_id: null, settings: { concealed: false, anonymous: false, votes_revealed: true }, timer: {} };
const created = (seq, id) => ({ seq, type: "card.created", sector_id: 1, data: { id, sector_id: 1, kind: "bottleneck", text: "k" + id, status: "visible" } });

function cursor() {
  return new Cursor(new Store({ snapshotSettings: ["cause_depth"] }));
}

test("the first sync asks for a snapshot; later ones send the cursor", () => {
  const c = cursor();
  assert.equal(c.start(12), null, "nothing applied yet: a snapshot");
  assert.deepEqual(c.finish({ ok: true, mode: "snapshot", seq: 40, snapshot: { workshop: W, cards: [] } }), { ok: true, resync: false });
  assert.equal(c.seq, 40);
  assert.equal(c.start(c.seq), 40);
  c.finish({ ok: true, mode: "events", seq: 42, events: [created(41, 1), created(42, 2)] });
  assert.equal(c.seq, 42);
  assert.deepEqual(Object.keys(c.store.cards), ["1", "2"]);
});

test("broadcasts during a sync are held, then applied if newer than its answer", () => {
  const c = cursor();
  c.start(null);
  assert.equal(c.receive(created(44, 4)), false);
  c.receive(created(46, 6));
  assert.equal(Object.keys(c.store.cards).length, 0);
  c.finish({ ok: true, mode: "snapshot", seq: 45, snapshot: { workshop: W, cards: [{ id: 4, sector_id: 1, kind: "bottleneck", text: "k4" }] } });
  assert.deepEqual(Object.keys(c.store.cards), ["4", "6"]);
  assert.equal(c.seq, 46);
  c.receive(created(47, 7));
  assert.equal(c.seq, 47);
});

test("a failed sync drops what was held and keeps wanting a snapshot until one arrives", () => {
  const c = cursor();
  c.start(null);
  c.receive(created(5, 5));
  assert.deepEqual(c.finish(null), { ok: false, resync: false });
  assert.equal(c.start(3), null);
  c.finish({ ok: false, error: { code: "internal" } });
  assert.equal(c.start(3), null);
  assert.equal(Object.keys(c.store.cards).length, 0);
});

test("a changed snapshot setting in the missed events asks for a fresh snapshot", () => {
  const c = cursor();
  c.start(null);
  c.finish({ ok: true, mode: "snapshot", seq: 1, snapshot: { workshop: W, cards: [] } });
  c.start(1);
  const deeper = Object.assign({}, W, { settings: Object.assign({}, W.settings, { cause_depth: 5 }) });
  assert.deepEqual(c.finish({ ok: true, mode: "events", seq: 2, events: [{ seq: 2, type: "workshop.updated", sector_id: null, data: deeper }] }), { ok: true, resync: true });
  assert.equal(c.start(null), null);
});

test("a tick says when this client is behind: steering, a board's watcher, the projector", () => {
  const c = cursor();
  assert.equal(c.behind({ seq: 9 }, null), false, "nothing applied yet: the first sync is on its way");
  c.start(null);
  c.finish({ ok: true, mode: "snapshot", seq: 40, snapshot: { workshop: W, cards: [] } });
  assert.equal(c.behind({ seq: 41 }, null), true);
  assert.equal(c.behind({ seq: 40 }, null), false);
  assert.equal(c.behind({ wide: 38, sectors: { 3: 41, 4: 50 } }, 3), true);
  assert.equal(c.behind({ wide: 38, sectors: { 3: 40, 4: 50 } }, 3), false, "another board's events are not this phone's");
  assert.equal(c.behind({ wide: 39, sectors: {}, display: 42 }, null), true);
  c.start(40);
  assert.equal(c.behind({ seq: 99 }, null), false, "not while a sync is on its way");
});
