/* The "Moderate" panel of one card: the status actions (rules.transitions),
 * edit, move, merge, cluster, a bottleneck's cause and impact (its USG is
 * scored in the grid, facilitator-scoring.js), a solution's action plan (a
 * button opening its dialog, facilitator-plan.js) and
 * votes on someone's behalf (a first-level cause's edit also moves it to
 * another bone). A group shows only when the card's `actions`
 * (from the server) include it. Built when first opened, then kept: a redraw
 * only refreshes its choices, never what the facilitator has typed. */

import { el, fmt, short, syncChildren, show } from "../shared/dom.js";
import { categoryOptions } from "../shared/cards.js";
import { may, mergeProblem } from "../shared/rules.js";
import { bonesOf, addressable } from "../shared/causes.js";
import { errorArea, showError, syncValue, select, button, field, int, uid, fillSelect } from "./facilitator-ui.js";
import { group, formGroup, notesGroup, voteGroup } from "./facilitator-assess.js";
import { planLauncher } from "./facilitator-plan.js";

/* The panel's groups, in the order they show, by the action that allows each. */
const GROUPS = ["edit", "move", "merge", "cluster", "assess", "plan", "vote"];
function statusActions(ctx, id, panel) {
  const area = errorArea();
  panel.statusButtons = {};
  const buttons = ctx.rules.transitions.map(function (transition) {
    const action = transition.action;
    const className = action === "approve" ? "" : action === "delete" || action === "restore" ? "danger" : "secondary";
    const b = button(ctx.t[action] || action, className, function () {
      ctx.send("card:status", { card_id: id, action: action }, { area: area, button: b });
    }, { "data-action": action });
    panel.statusButtons[action] = b;
    return b;
  });
  // A merged card comes back as it was (its `unmerge` action); shown like the others by refresh.
  const unmerge = (panel.statusButtons.unmerge = button(ctx.t.unmerge, "secondary", function () {
    ctx.send("card:unmerge", { card_id: id }, { area: area, button: unmerge });
  }, { "data-action": "unmerge" }));
  buttons.push(unmerge);
  panel.mergedNote = el("p", { className: "hint" });
  return el("div", { className: "fac-status-actions" }, [el("div", { className: "actions" }, buttons), panel.mergedNote, area]);
}

function editGroup(ctx, id, kind) {
  const t = ctx.t;
  const limits = ctx.rules.limits;
  const text = el("textarea", { rows: 3, maxlength: limits.text, required: true });
  const fields = [field(t.text, text)];
  let category = null;
  let service = null;
  let bone = null;
  if (kind === "bottleneck") {
    category = select(categoryOptions(ctx.rules.categories, t.no_category));
    service = el("input", { maxlength: limits.service });
    fields.push(field(t.category, category), field(t.service, service));
  }
  let addresses = null;
  if (kind === "solution") {
    addresses = select([]);
    addresses.uraiField = field(t.addresses_label, addresses);
    fields.push(addresses.uraiField);
  }
  if (kind === "cause") {
    // A first-level cause may move to another bone, its "why?"s with it.
    bone = select([]);
    bone.uraiField = field(t.bone, bone);
    fields.push(bone.uraiField);
  }
  const form = formGroup(t.edit, fields, t.save_changes, function (area, b) {
    const payload = { card_id: id, text: text.value };
    if (category) {
      payload.category = category.value || null;
      payload.service = service.value;
    }
    if (bone && !bone.uraiField.hidden) payload.bone = bone.value;
    if (addresses && !addresses.uraiField.hidden) payload.addresses_id = int(addresses.value);
    ctx.send("card:edit", payload, { area: area, button: b, okText: t.saved });
  });
  return {
    root: form.root,
    refresh: function (card) {
      syncValue(text, card.text);
      if (category) {
        syncValue(category, card.category || "");
        syncValue(service, card.service || "");
      }
      if (addresses) {
        const options = addressable(ctx.store, card.parent_id);
        addresses.uraiField.hidden = options.length === 0;
        fillSelect(addresses, [{ value: "", label: ctx.t.addresses_none }].concat(options));
        syncValue(addresses, card.addresses ? String(card.addresses) : "");
      }
      if (bone) {
        bone.uraiField.hidden = card.depth !== 1;
        fillSelect(bone, bonesOf(ctx.store).map(function (b) { return { value: b.key, label: b.name }; }));
        syncValue(bone, card.bone || "");
      }
    }
  };
}

/* A select and a button that sends the choice. */
function chooser(title, choice, label, onSend, hint) {
  if (!choice.id) choice.id = uid("s");
  let g = null;
  const b = button(label, "secondary", function () { onSend(g.area, b); });
  g = group(title, [
    hint ? el("p", { className: "hint", text: hint }) : null,
    el("label", { className: "visually-hidden", for: choice.id, text: title }),
    el("div", { className: "fac-inline-row" }, [choice, b])
  ]);
  return g.root;
}

function moveGroup(ctx, id) {
  const choice = select([]);
  return {
    root: chooser(ctx.t.move_to, choice, ctx.t.move, function (area, b) {
      ctx.send("card:move", { card_id: id, sector_id: int(choice.value) }, { area: area, button: b });
    }),
    refresh: function (card) {
      fillSelect(choice, ctx.store.sectors().map(function (s) { return { value: String(s.id), label: s.name }; }));
      syncValue(choice, card.sector_id);
    }
  };
}

function mergeGroup(ctx, id) {
  const t = ctx.t;
  const choice = select([]);
  return {
    root: chooser(t.merge_into, choice, t.merge, function (area, b) {
      const target = int(choice.value);
      if (!target) return showError(area, t.choose_card_first);
      ctx.send("card:merge", { source_id: id, target_id: target }, { area: area, button: b });
    }, t.merge_hint),
    refresh: function (card) {
      // The cards this one may be merged into, by the rule the server told.
      const others = ctx.store.list(function (o) {
        return o.id !== card.id && mergeProblem(card, o, ctx.rules.merge_same) === null;
      });
      fillSelect(choice, [{ value: "", label: others.length ? t.choose_card : t.no_other_cards }].concat(others.map(function (o) {
        return { value: String(o.id), label: "#" + o.id + " " + short(o.text, 50) };
      })));
    }
  };
}

function clusterGroup(ctx, id) {
  const t = ctx.t;
  const choice = select([]);
  return {
    root: chooser(t.cluster, choice, t.set_cluster, function (area, b) {
      ctx.send("card:cluster", { card_id: id, cluster_id: int(choice.value) }, { area: area, button: b, okText: t.saved });
    }),
    refresh: function (card) {
      fillSelect(choice, [{ value: "", label: t.no_cluster }].concat(ctx.store.clustersOf(card.sector_id).map(function (k) {
        return { value: String(k.id), label: k.title };
      })));
      syncValue(choice, card.cluster_id || "");
    }
  };
}

const BUILDERS = { edit: editGroup, move: moveGroup, merge: mergeGroup, cluster: clusterGroup, assess: notesGroup, plan: planLauncher, vote: voteGroup };

function refresh(ctx, panel) {
  const card = ctx.store.cards[panel.id];
  if (!card || !panel.body || !panel.details.open) return;
  Object.keys(panel.statusButtons).forEach(function (action) {
    show(panel.statusButtons[action], may(card, action, ctx));
  });
  const target = card.merged_into ? ctx.store.cards[card.merged_into] : null;
  panel.mergedNote.textContent = card.status === "merged" && target ? fmt(ctx.t.merged_into, { text: short(target.text) }) : "";
  const shown = GROUPS.filter(function (action) { return may(card, action, ctx); }).map(function (action) {
    const g = panel.groups[action] || (panel.groups[action] = BUILDERS[action](ctx, panel.id, card.kind));
    g.refresh(card);
    return g.root;
  });
  syncChildren(panel.rest, shown);
}

/* A <details> "Moderate" for card `id`; panel.refresh() after every redraw. */
export function moderatePanel(ctx, id) {
  const panel = { id: id, body: null, groups: {} };
  panel.label = el("span", { className: "visually-hidden" });
  panel.details = el("details", { className: "fac-moderate" }, [el("summary", {}, [el("span", { text: ctx.t.moderate }), panel.label])]);
  panel.details.addEventListener("toggle", function () {
    if (!panel.details.open) return;
    if (!panel.body) {
      panel.rest = el("div", { className: "fac-moderate-rest" });
      panel.body = el("div", { className: "fac-moderate-body" }, [statusActions(ctx, id, panel), panel.rest]);
      panel.details.appendChild(panel.body);
    }
    refresh(ctx, panel);
  });
  panel.refresh = function () {
    const card = ctx.store.cards[id];
    if (card) panel.label.textContent = ": " + short(card.text, 40);
    refresh(ctx, panel);
  };
  return panel;
}
