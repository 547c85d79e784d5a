/* A solution's action plan edited in a dialog sized for its eight fields (the
 * matrix columns, rules.plan_fields, and the follow-up's deadline), two columns
 * wide, instead of a narrow column inside a card. One <dialog> for the page,
 * filled from the store each time it opens; saving sends card:plan and closes
 * once the server has it. The card's menu shows how much is filled in and the
 * button that opens it (planLauncher); each solution on the board has the
 * button too (planTool). */

import { el, fmt, short, setText } from "../shared/dom.js";
import { errorArea, field, button } from "./facilitator-ui.js";
import { texts } from "./facilitator-texts.js";

let dialog = null;

function build(ctx) {
  const t = ctx.t;
  const words = texts();
  const fields = {};
  const rows = ctx.rules.plan_fields.map(function (key) {
    fields[key] = el("textarea", { rows: 3, maxlength: ctx.rules.limits.plan, name: key });
    return field(t["plan_" + key] || key, fields[key]);
  });
  fields.deadline = el("input", { type: "date", name: "deadline" }); /* overdue after it */
  rows.push(field(t.plan_deadline || "deadline", fields.deadline));
  const title = el("h2", { id: "plan-dialog-title" });
  const area = errorArea();
  const save = el("button", { type: "submit", className: "button", text: t.save_plan });
  const cancel = button(words.cancel, "secondary", function () { d.node.close(); });
  const form = el("form", { className: "fac-plan-form", method: "dialog", novalidate: true }, [
    title,
    el("div", { className: "fac-plan-grid" }, rows),
    area,
    el("div", { className: "actions" }, [save, cancel])
  ]);
  const node = el("dialog", { className: "fac-dialog fac-plan-dialog", "aria-labelledby": "plan-dialog-title" }, [form]);
  document.body.appendChild(node);
  const d = { node: node, title: title, fields: fields, area: area, save: save, id: null };
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const payload = { card_id: d.id };
    Object.keys(fields).forEach(function (key) { payload[key] = fields[key].value; });
    ctx.send("card:plan", payload, { area: area, button: save, ok: function () { node.close(); } });
  });
  return d;
}

/* Open the dialog on solution `id`. */
export function openPlan(ctx, id) {
  if (!dialog) dialog = build(ctx);
  const card = ctx.store.cards[id];
  if (!card) return;
  const plan = card.plan || {};
  dialog.id = id;
  setText(dialog.title, fmt(texts().plan_title, { text: short(card.text, 80) }));
  setText(dialog.area, "");
  Object.keys(dialog.fields).forEach(function (key) { dialog.fields[key].value = plan[key] || ""; });
  dialog.node.showModal();
  dialog.fields[ctx.rules.plan_fields[0]].focus();
}

/* The card's plan group: how much of the plan is filled in, and the button that opens it. */
export function planLauncher(ctx, id) {
  const t = ctx.t;
  const words = texts();
  const state = el("p", { className: "hint" });
  const open = button(words.plan_open, "secondary", function () { openPlan(ctx, id); }, { "data-plan-open": id });
  const root = el("fieldset", { className: "fac-group fac-plan-launch" }, [el("legend", { text: t.plan }), state, open]);
  return {
    root: root,
    refresh: function (card) {
      const plan = card.plan || {};
      const keys = ctx.rules.plan_fields.concat(["deadline"]);
      const filled = keys.filter(function (key) { return !!plan[key]; }).length;
      setText(state, filled ? fmt(words.plan_filled, { n: filled, total: keys.length }) : words.plan_empty);
      open.setAttribute("aria-label", words.plan_open + " " + short(card.text, 40));
    }
  };
}

/* A card tool (ctx.cardTools): "Action plan…" on each solution the plan may be
 * set on, one click from the board. */
export function planTool(ctx, id) {
  const words = texts();
  const open = button(words.plan_open, "secondary fac-plan-tool", function () { openPlan(ctx, id); }, { "data-plan-tool": id });
  return {
    root: open,
    refresh: function (card) {
      open.hidden = card.kind !== "solution" || (card.actions || []).indexOf("plan") < 0;
      open.setAttribute("aria-label", words.plan_open + " " + short(card.text, 40));
    }
  };
}
