/* The facilitator's root-cause panel: choose the top N bottlenecks of every
 * board by votes or USG (causes:choose_top), how deep "why?" may go
 * (settings:update cause_depth), what the projector shows (focus:set null
 * clears it), and the fishbone's categories, renamed, added, removed and
 * reordered as a draft, then saved at once (bones:save). Limits come from
 * the page config (rules.ranges, rules.limits). */

import { el, fmt, short, syncChildren } from "../shared/dom.js";
import { bonesOf } from "../shared/causes.js";
import { showError, showOk, syncValue, button, int } from "./facilitator-ui.js";

export function createCausesPanel(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const limits = ctx.rules.limits;
  const $ = function (id) { return document.getElementById(id); };
  let draft = null; // [{key?, name}] while the facilitator edits the bones
  let rows = [];

  function saved() {
    return bonesOf(store).map(function (b) { return { key: b.key, name: b.name }; });
  }

  function dirty() {
    return draft !== null && JSON.stringify(draft) !== JSON.stringify(saved());
  }

  function edit(change) {
    draft = draft || saved();
    change(draft);
    renderBones();
  }

  function row(bone, index) {
    const r = rows[index] || (rows[index] = buildRow(index));
    if (document.activeElement !== r.input) r.input.value = bone.name;
    r.input.setAttribute("aria-label", fmt(t.bone_n, { n: index + 1 }));
    r.up.setAttribute("aria-label", t.move_up + ": " + bone.name);
    r.down.setAttribute("aria-label", t.move_down + ": " + bone.name);
    r.remove.setAttribute("aria-label", t.remove_bone + ": " + bone.name);
    return r.root;
  }

  function buildRow(index) {
    const r = {};
    r.input = el("input", { maxlength: limits.bone_name, required: true, "data-bone-index": index });
    r.input.addEventListener("input", function () {
      edit(function (list) { list[index].name = r.input.value; });
    });
    const move = function (by) {
      edit(function (list) {
        const to = index + by;
        if (to < 0 || to >= list.length) return;
        const item = list.splice(index, 1)[0];
        list.splice(to, 0, item);
      });
    };
    r.up = button("↑", "icon", function () { move(-1); });
    r.down = button("↓", "icon", function () { move(1); });
    r.remove = button(t.remove_bone, "danger", function () {
      edit(function (list) { list.splice(index, 1); });
    });
    r.root = el("li", { className: "fac-bone-row" }, [r.input, r.up, r.down, r.remove]);
    return r;
  }

  function renderBones() {
    const list = draft || saved();
    rows = rows.slice(0, list.length);
    syncChildren($("bones-list"), list.map(row));
    $("bones-add").disabled = list.length >= limits.bones;
    $("bones-dirty").hidden = !dirty();
  }

  function renderFocus() {
    const w = store.workshop;
    const card = w && w.focus_card_id ? store.cards[w.focus_card_id] : null;
    $("focus-now").textContent = card ? fmt(t.focus_now, { text: short(card.text, 80) }) : t.focus_none;
    $("focus-clear").hidden = !card;
  }

  function init() {
    $("choose-top-form").addEventListener("submit", function (event) {
      event.preventDefault();
      const area = $("choose-top-error");
      ctx.send("causes:choose_top", { count: int($("choose-top-count").value), by: $("choose-top-by").value }, {
        area: area,
        button: event.target.querySelector("button"),
        ok: function (reply) { showOk(area, fmt(t.chosen_n, { n: reply.chosen.length })); }
      });
    });
    $("cause-depth-form").addEventListener("submit", function (event) {
      event.preventDefault();
      const payload = { cause_depth: int($("cause-depth").value) };
      ctx.send("settings:update", payload, { area: $("cause-depth-error"), button: event.target.querySelector("button"), okText: t.saved });
    });
    $("focus-clear").addEventListener("click", function () {
      ctx.send("focus:set", { card_id: null }, { area: $("focus-error"), button: $("focus-clear") });
    });
    $("bones-add").addEventListener("click", function () {
      edit(function (list) { list.push({ name: "" }); });
      const inputs = $("bones-list").querySelectorAll("input");
      if (inputs.length) inputs[inputs.length - 1].focus();
    });
    $("bones-form").addEventListener("submit", function (event) {
      event.preventDefault();
      const list = (draft || saved()).map(function (b) { return b.key ? { key: b.key, name: b.name } : { name: b.name }; });
      const area = $("bones-error");
      if (list.some(function (b) { return !b.name.trim(); })) return showError(area, t.bone_empty);
      ctx.send("bones:save", { bones: list }, {
        area: area,
        button: $("bones-save"),
        okText: t.saved,
        ok: function () {
          draft = null;
          renderBones();
        }
      });
    });
    $("bones-reset").addEventListener("click", function () {
      draft = null;
      showError($("bones-error"), "");
      renderBones();
    });
  }

  function render() {
    if (!store.workshop) return;
    syncValue($("cause-depth"), store.workshop.settings.cause_depth);
    if (!dirty()) draft = null; // nothing unsaved: follow the server
    renderBones();
    renderFocus();
  }

  return { init: init, render: render, renderFocus: renderFocus };
}
