/* What the projector shows large, in the steering bar: the spotlighted card and
 * the bottleneck whose fishbone is in focus, each with its "off" button and a
 * "keep in the next phase" pin (pin:set); without a pin the next phase takes
 * it off (the server does). Hidden while the projector shows the boards. It
 * follows the store itself, like the spotlight buttons on the cards. Its "off"
 * buttons are the cockpit's (#bar-spotlight-off, #bar-focus-off: the S key). */

import { el, fmt, short, setText, show } from "../shared/dom.js";
import { errorArea, button } from "./facilitator-ui.js";
import { texts } from "./facilitator-texts.js";

function slot(ctx, what, area) {
  const words = texts();
  const label = el("span", { className: "fac-onair-text" });
  const off = button(words[what + "_off"], "secondary", function () {
    const event = what === "spotlight" ? "spotlight:set" : "focus:set";
    ctx.send(event, { card_id: null }, { area: area, button: off });
  }, { "data-onair-off": what, id: "bar-" + what + "-off" });
  const pin = el("input", { type: "checkbox", "data-onair-pin": what });
  pin.addEventListener("change", function () {
    ctx.send("pin:set", { what: what, pinned: pin.checked }, { area: area, fail: function () { pin.checked = !pin.checked; } });
  });
  const root = el("div", { className: "fac-onair-slot", "data-onair": what }, [
    label, off, el("label", { className: "choice fac-onair-pin" }, [pin, el("span", { text: words.pin })])
  ]);
  return {
    root: root,
    render: function (card, pinned) {
      show(root, !!card);
      if (!card) return;
      setText(label, fmt(words["on_air_" + what], { text: short(card.text, 40) }));
      pin.checked = !!pinned;
    }
  };
}

export function createOnAir(ctx) {
  const store = ctx.store;
  const area = errorArea();
  const spotlight = slot(ctx, "spotlight", area);
  const focus = slot(ctx, "focus", area);
  const root = el("div", { id: "bar-onair", className: "fac-bar-item fac-onair", role: "group", "aria-label": texts().on_air }, [
    el("span", { className: "fac-bar-label", text: texts().on_air }), spotlight.root, focus.root, area
  ]);
  const bar = document.getElementById("fac-bar");
  if (bar) bar.appendChild(root);
  else document.querySelector("main").prepend(root);

  function render() {
    const w = store.workshop;
    const lit = store.spotlight ? store.cards[store.spotlight] : null;
    const focused = w && w.focus_card_id ? store.cards[w.focus_card_id] : null;
    spotlight.render(lit, store.spotlightPinned);
    focus.render(focused, w && w.focus_pinned);
    root.hidden = !lit && !focused;
  }

  store.onChange(function (change) {
    const type = change.type;
    if (type === "spotlight.updated" || type === "snapshot" || type === "workshop.updated") render();
    else if ((type === "card.updated" || type === "card.removed") && change.data &&
      (change.data.id === store.spotlight || (store.workshop && change.data.id === store.workshop.focus_card_id))) render();
  });
  render();
  return { render: render };
}
