// Drives the real static/js/shared/store.js and stream.js Cursor for a Python test
// (tests/reliability/test_properties.py): one JSON request a line on stdin,
// one JSON answer a line on stdout.
//   {"op": "new"}                        -> {"id": n}        a page's state
//   {"op": "reply", "id": n, "reply": {}} -> {"seq": s}       a sync's answer
//   {"op": "event", "id": n, "message": {}} -> {"seq": s}     a broadcast
//   {"op": "cards", "id": n}             -> {"seq": s, "cards": [...]}
import { serve } from "./driver.js";
import { Store } from "../../static/js/shared/store.js";
import { Cursor } from "../../static/js/shared/stream.js";

const pages = [];

function handle(request) {
  if (request.op === "new") {
    pages.push(new Cursor(new Store()));
    return { id: pages.length - 1 };
  }
  const cursor = pages[request.id];
  if (request.op === "reply") {
    cursor.start(null);
    if (!cursor.finish(request.reply).ok) throw new Error("sync failed: " + JSON.stringify(request.reply));
  } else if (request.op === "event") {
    cursor.receive(request.message);
  } else if (request.op === "cards") {
    return { seq: cursor.seq, cards: Object.values(cursor.store.cards) };
  } else {
    throw new Error("unknown op " + request.op);
  }
  return { seq: cursor.seq };
}

serve(handle);
