/* The facilitator's "Spotlight" button on each card: puts the card large in
 * the middle of the projector (spotlight:set) until "Clear the spotlight".
 * It shows on cards the server's rule lets in (rules.spotlight: the room can
 * see them), the rule the server refuses any other by. This module follows the store itself
 * (spotlight.updated), so the boards only place the button
 * (spotlightButton(ctx, id).root) and refresh it with the card. */

import { el, short, show } from "../shared/dom.js";
import { errorArea, button } from "./facilitator-ui.js";
import { spotlightable } from "../shared/rules.js";

const buttons = new Map(); // card id -> refresh
let followed = null;

function follow(store) {
  if (followed === store) return;
  followed = store;
  store.onChange(function (change) {
    if (change.type !== "spotlight.updated" && change.type !== "snapshot" && change.type !== "workshop.updated") return;
    buttons.forEach(function (refresh) { refresh(); });
  });
}

export function spotlightButton(ctx, id) {
  const t = ctx.t;
  const store = ctx.store;
  follow(store);
  const area = errorArea();
  const on = button(t.spotlight, "secondary fac-spotlight", function () {
    ctx.send("spotlight:set", { card_id: id }, { area: area, button: on });
  }, { "data-spotlight": id });
  const off = button(t.unspotlight, "fac-spotlight-off", function () {
    ctx.send("spotlight:set", { card_id: null }, { area: area, button: off });
  }, { "data-spotlight-off": id });
  const root = el("div", { className: "fac-spotlight-bar actions" }, [on, off, area]);

  function refresh() {
    const card = store.cards[id];
    if (!card) {
      buttons.delete(id);
      return;
    }
    const lit = store.spotlight === id;
    const can = spotlightable(card, store.workshop, ctx.rules.spotlight);
    show(on, can && !lit);
    show(off, lit);
    root.hidden = !can && !lit;
    on.setAttribute("aria-label", t.spotlight + ": " + short(card.text, 60));
  }

  buttons.set(id, refresh);
  return { root: root, refresh: refresh };
}
