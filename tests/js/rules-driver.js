// Asks the real static/js/shared/rules.js what a page offers, for a Python test
// (tests/test_told_rules.py): one JSON request a line on stdin, one answer a line.
//   {"snapshot": {...}, "viewer": {...}, "asks": [[card_id, action], ...]}
//     -> {"offers": [true | false, ...]}   may(card, action) as the page asks it
//   {"snapshot": {...}, "same": [...], "pairs": [[source_id, target_id], ...]}
//     -> {"offers": [...]}   whether the page offers to merge source into target
//   {"snapshot": {...}, "spotlight": {...}, "ids": [...]}
//     -> {"offers": [...]}   whether the page offers to spotlight each card
import { serve } from "./driver.js";
import { Store } from "../../static/js/shared/store.js";
import { may, mergeProblem, spotlightable } from "../../static/js/shared/rules.js";

function handle(request) {
  const store = new Store();
  store.load(request.snapshot);
  if (request.spotlight) {
    return { offers: request.ids.map((id) => spotlightable(store.cards[id], store.workshop, request.spotlight)) };
  }
  if (request.pairs) {
    const offer = ([source, target]) => source !== target && mergeProblem(store.cards[source], store.cards[target], request.same) === null;
    return { offers: request.pairs.map(offer) };
  }
  const state = { store: store, viewer: request.viewer };
  return { offers: request.asks.map(([id, action]) => may(store.cards[id], action, state)) };
}

serve(handle);
