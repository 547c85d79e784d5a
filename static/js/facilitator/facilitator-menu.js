/* One menu for every card on the facilitator's boards: a card's "Actions"
 * button opens it, filled then with what that card allows now (its `actions`,
 * told by the server; the spotlight by rules.spotlight): the status changes,
 * split again, the projector's spotlight (facilitator-spotlight.js's
 * control, mounted here: it follows the spotlight itself, so the menu stays
 * open on it and shows the new state) and focus, root-cause analysis, the
 * root-cause mark, and "Moderate…", which opens the card's Moderate panel
 * (facilitator-moderate.js) in a dialog for the longer forms (edit, move,
 * merge, cluster, notes, action plan, votes). Nothing is built per card: the
 * menu and the dialog are one each, and their choices (merge targets among
 * them) are worked out when opened. */

import { el, short } from "../shared/dom.js";
import { may } from "../shared/rules.js";
import { moderatePanel } from "./facilitator-moderate.js";
import { spotlightButton } from "./facilitator-spotlight.js";

export function createMenu(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const menu = document.getElementById("card-menu");
  const dialog = document.getElementById("card-dialog");
  const dialogBody = document.getElementById("card-dialog-body");
  let opener = null; // the button that opened the menu
  let panel = null; // the Moderate panel in the dialog: {id, details, refresh}

  function item(text, attrs, run, checked) {
    const node = el("button", Object.assign({ type: "button", role: checked === undefined ? "menuitem" : "menuitemcheckbox", className: "fac-menu-item", tabindex: "-1", text: text }, attrs || {}));
    if (checked !== undefined) node.setAttribute("aria-checked", String(!!checked));
    node.addEventListener("click", function () {
      close(false);
      run();
    });
    return node;
  }

  /* The card as the store has it now (the menu may have been open a while). */
  function now(c) {
    return store.cards[c.id] || c;
  }

  /* What card `c` allows now, as menu items; `area` shows a refusal. */
  function items(c, area) {
    const send = function (event, payload) { ctx.send(event, payload, { area: area }); };
    const out = [];
    ctx.rules.transitions.forEach(function (transition) {
      const action = transition.action;
      if (!may(c, action, ctx)) return;
      out.push(item(t[action] || action, { "data-action": action }, function () { send("card:status", { card_id: c.id, action: action }); }));
    });
    if (may(c, "unmerge", ctx)) out.push(item(t.unmerge, { "data-action": "unmerge" }, function () { send("card:unmerge", { card_id: c.id }); }));
    const spot = spotlightButton(ctx, c.id);
    spot.refresh();
    spot.root.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("role", "menuitem");
      b.setAttribute("tabindex", "-1");
      b.classList.add("fac-menu-item");
    });
    if (!spot.root.hidden) out.push(spot.root);
    const w = store.workshop;
    const focused = !!w && w.focus_card_id === c.id;
    if (c.kind === "bottleneck" && may(c, "analyse", ctx)) {
      out.push(item(t.analyse, { "data-analyse": c.id }, function () { send("causes:choose", { card_id: c.id, chosen: !now(c).analysed }); }, !!c.analysed));
      if (c.analysed && !focused) out.push(item(t.focus, { "data-focus": c.id }, function () { send("focus:set", { card_id: c.id }); }));
    }
    if (focused) out.push(item(t.unfocus, { "data-unfocus": c.id }, function () { send("focus:set", { card_id: null }); }));
    if (c.kind === "cause" && may(c, "root", ctx)) {
      out.push(item(t.mark_root, { "data-root": c.id }, function () { send("cause:root", { card_id: c.id, root: !now(c).root }); }, !!c.root));
    }
    if (c.actions && c.actions.length) out.push(item(t.moderate + "…", { "data-moderate": c.id }, function () { openDialog(c.id); }));
    return out;
  }

  function place(button) {
    const box = button.getBoundingClientRect();
    menu.style.top = "0px";
    menu.style.left = "0px";
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const below = box.bottom + 4 + height <= window.innerHeight;
    menu.style.top = Math.max(4, below ? box.bottom + 4 : box.top - 4 - height) + "px";
    menu.style.left = Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4)) + "px";
  }

  function open(cardId, button, area) {
    const c = store.cards[cardId];
    if (!c) return;
    close(false);
    const list = items(c, area);
    if (!list.length) list.push(el("p", { className: "hint fac-menu-none", text: t.no_actions }));
    menu.textContent = "";
    list.forEach(function (node) { menu.appendChild(node); });
    menu.setAttribute("aria-label", t.actions + ": " + short(c.text, 40));
    opener = button;
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    place(button);
    move(1);
  }

  function close(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    menu.textContent = "";
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (refocus && document.contains(opener)) opener.focus();
    }
    opener = null;
  }

  function move(step) {
    const entries = Array.prototype.slice.call(menu.querySelectorAll("[role^=menuitem]")).filter(function (b) { return !b.hidden; });
    if (!entries.length) return;
    const at = entries.indexOf(document.activeElement);
    entries[(at + step + entries.length) % entries.length].focus();
  }

  /* -- the card's Moderate panel, in a dialog ----------------------------------- */

  function openDialog(cardId) {
    const c = store.cards[cardId];
    if (!c) return;
    const returnTo = opener;
    dialogBody.textContent = "";
    panel = moderatePanel(ctx, cardId);
    dialogBody.appendChild(panel.details);
    panel.details.open = true;
    dialog.setAttribute("data-card", cardId);
    document.getElementById("card-dialog-h").textContent = short(c.text, 80);
    dialog.returnTo = returnTo;
    if (!dialog.open) dialog.showModal();
    panel.refresh();
  }

  function closeDialog() {
    panel = null;
    dialogBody.textContent = "";
    dialog.removeAttribute("data-card");
  }

  function init() {
    menu.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") move(1);
      else if (event.key === "ArrowUp") move(-1);
      else if (event.key === "Home") move(-999);
      else if (event.key === "Escape" || event.key === "Tab") {
        close(event.key === "Escape");
        if (event.key === "Tab") return;
      } else return;
      event.preventDefault();
      event.stopPropagation();
    });
    document.addEventListener("pointerdown", function (event) {
      if (!menu.hidden && !menu.contains(event.target) && event.target !== opener) close(false);
    });
    window.addEventListener("resize", function () { close(false); });
    document.addEventListener("scroll", function () { if (!menu.hidden && opener) place(opener); }, true);
    dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", closeDialog);
  }

  return {
    init: init,
    open: open,
    close: close,
    isOpen: function () { return !menu.hidden || dialog.open; },
    /* After card `id` changed: the dialog's panel follows it (an open menu
     * stays as it is: its switches read the card when chosen, and the server
     * refuses what the card no longer allows). */
    cardChanged: function (id) {
      if (panel && panel.id === id) {
        if (store.cards[id]) panel.refresh();
        else dialog.close();
      }
    }
  };
}
