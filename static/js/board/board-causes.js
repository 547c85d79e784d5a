/* The causes of one analysed bottleneck on the phone: the fishbone's bones
 * as sections, each with its causes as an indented tree ("why?" answers
 * under the cause they explain), root causes marked; "Add a cause" (a bone
 * and a text) on the bottleneck and "Why?" under each cause when rules.js
 * says the viewer may (`may(card, "cause")`). Posts go through the outbox
 * like every other post. Kept per card and updated in place, so an open form
 * and what is typed in it survive every broadcast. */

import { el, setText, show, fmt, syncChildren, prune } from "../shared/dom.js";
import { createCard, renderCard, byline, isMine } from "../shared/cards.js";
import { may, votingOn } from "../shared/rules.js";
import { causeTree, bonesOf } from "../shared/causes.js";
import { voteControl } from "./board-controls.js";

const COLLAPSE_OVER = 5; // more causes than this: folded until opened

/* A text form that posts a cause: opts {label, placeholder, send, bones (a select first)}. */
function causeForm(ctx, opts) {
  const t = ctx.t;
  const area = el("textarea", { name: "text", rows: "2", maxlength: String(ctx.rules.limits.text), required: true, "aria-label": opts.label, placeholder: opts.placeholder });
  const error = el("p", { className: "field-error", role: "alert" });
  const bone = opts.bones ? el("select", { name: "bone", "aria-label": t.bone_label }) : null;
  const parts = bone ? [el("label", { className: "cause-label" }, [t.bone_label, bone])] : [];
  const box = el("form", { className: "cause-form", hidden: true }, parts.concat([area, error, el("button", { type: "submit", className: "button", text: opts.submit })]));
  box.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    const text = area.value.trim();
    if (!text) return;
    const payload = { kind: "cause", parent_id: opts.parentId, text: text };
    if (bone) payload.bone = bone.value;
    ctx.post(payload, { error: error, restore: area, reopen: function () { if (box.hidden && opts.reopen) opts.reopen(); } });
    area.value = "";
    opts.done();
  });
  return { el: box, area: area, bone: bone };
}

/* A button that opens and closes `form` (aria-expanded). */
function opener(label, form, className) {
  const b = el("button", { type: "button", className: "button secondary " + className, "aria-expanded": "false", text: label });
  b.addEventListener("click", function () { toggle(b, form, form.el.hidden); });
  return b;
}

function toggle(b, form, open) {
  form.el.hidden = !open;
  b.setAttribute("aria-expanded", open ? "true" : "false");
  if (open) form.area.focus();
}

export function causesSection(ctx, bottleneckId) {
  const t = ctx.t;
  const store = ctx.store;
  const meId = ctx.viewer.participant ? ctx.viewer.participant.id : null;
  const views = {}; // cause id -> view
  const boneViews = {}; // bone key -> {el, title, list}
  const pendingViews = {}; // client_id -> element
  let opened = null; // the participant's own choice of folded or open
  let lastKnown = {};
  const count = el("span", { className: "causes-count" });
  const fold = el("button", { type: "button", className: "causes-toggle", "aria-expanded": "true" }, [el("span", { text: t.causes_title }), count]);
  const body = el("div", { className: "causes-body", id: "causes-" + bottleneckId });
  const emptyNote = el("p", { className: "bone-empty" });
  fold.setAttribute("aria-controls", body.id);
  fold.addEventListener("click", function () {
    opened = fold.getAttribute("aria-expanded") !== "true";
    render(store.cards[bottleneckId], lastKnown);
  });
  const addForm = causeForm(ctx, {
    parentId: bottleneckId,
    bones: true,
    label: t.cause_label,
    placeholder: t.cause_placeholder,
    submit: t.send_cause,
    done: function () { opened = true; } // the new cause in sight, even in a folded list
  });
  const add = opener(t.add_cause, addForm, "add-cause");
  add.setAttribute("aria-describedby", "text-" + bottleneckId);
  const root = el("section", { className: "causes", "data-causes": bottleneckId }, [el("h3", { className: "causes-heading" }, [fold]), body, add, addForm.el]);

  function causeView(id) {
    const view = createCard("div", { className: "cause-face" }, "text-" + id);
    view.badge = el("p", { className: "root-badge", text: t.root_cause, hidden: true });
    view.status = el("p", { className: "card-status" });
    view.tally = el("p", { className: "vote-tally" });
    view.votes = voteControl(ctx, id);
    view.why = causeForm(ctx, {
      parentId: id,
      label: t.why_label,
      placeholder: t.why_placeholder,
      submit: t.send_why,
      done: function () { toggle(view.whyButton, view.why, false); },
      reopen: function () { toggle(view.whyButton, view.why, true); }
    });
    view.whyButton = opener(t.why, view.why, "why-button");
    view.whyButton.setAttribute("aria-describedby", "text-" + id);
    view.children = el("ul", { className: "cause-children" });
    view.el.prepend(view.badge);
    view.el.append(view.status, view.tally, view.votes.el, view.whyButton, view.why.el);
    view.item = el("li", { className: "cause", id: "card-" + id, "data-card": id }, [view.el, view.children]);
    return view;
  }

  function updateCause(view, card) {
    renderCard(view, card, { author: byline(card, { meId: meId, you: t.you }) });
    const mine = isMine(card, meId);
    setText(view.status, card.status === "pending" ? t.awaiting : mine ? t.saved : "");
    view.item.classList.toggle("awaiting", card.status === "pending");
    view.item.classList.toggle("root", !!card.root);
    view.item.setAttribute("data-depth", String(card.depth || 1));
    show(view.badge, !!card.root);
    view.item.classList.toggle("voted", view.votes.update(card) > 0);
    const w = store.workshop;
    const known = !!(w && w.settings.votes_revealed) && typeof card.votes === "number";
    const voting = votingOn(store) === card.kind;
    setText(view.tally, known && (voting || card.votes > 0) ? (card.votes === 1 ? t.tally_one : fmt(t.tally, { n: card.votes })) : "");
    const why = may(card, "cause", ctx);
    show(view.whyButton, why);
    if (!why && !view.why.el.hidden) toggle(view.whyButton, view.why, false);
  }

  /* A cause still in the outbox, greyed with "Sending…". */
  function pendingView(item) {
    if (pendingViews[item.client_id]) return pendingViews[item.client_id];
    const view = createCard("div", { className: "cause-face" });
    renderCard(view, item, {});
    view.el.appendChild(el("p", { className: "card-status", text: t.sending }));
    return (pendingViews[item.client_id] = el("li", { className: "cause pending", "data-client": item.client_id }, [view.el]));
  }

  /* The causes under `parentId` still in the outbox, by bone. */
  function waiting(parentId, known, queued) {
    const byBone = {};
    ctx.outbox.items().forEach(function (item) {
      if (item.kind !== "cause" || item.parent_id !== parentId || known[item.client_id]) return;
      queued[item.client_id] = true;
      (byBone[item.bone || ""] = byBone[item.bone || ""] || []).push(pendingView(item));
    });
    return byBone;
  }

  function all(byBone) {
    return Object.keys(byBone).reduce(function (list, key) { return list.concat(byBone[key]); }, []);
  }

  function nodesOf(nodes, used, known, queued) {
    return nodes.map(function (node) {
      const id = node.card.id;
      used[id] = true;
      const view = views[id] || (views[id] = causeView(id));
      updateCause(view, node.card);
      syncChildren(view.children, nodesOf(node.children, used, known, queued).concat(all(waiting(id, known, queued))));
      return view.item;
    });
  }

  function boneView(bone) {
    let view = boneViews[bone.key];
    if (!view) {
      view = { title: el("h4", { className: "bone-title" }), list: el("ul", { className: "cause-tree" }) };
      view.el = el("section", { className: "bone-section", "data-bone": bone.key }, [view.title, view.list]);
      boneViews[bone.key] = view;
    }
    setText(view.title, bone.name);
    return view;
  }

  /* known: client_ids the store holds (posts no longer waiting). */
  function render(card, known) {
    if (!card) return;
    lastKnown = known;
    const adding = may(card, "cause", ctx);
    const tree = causeTree(store, card.id);
    const used = {};
    const queued = {};
    const seen = {};
    const sections = [];
    const empty = []; // bones with no cause yet: named in one line, as a prompt
    const onBones = waiting(card.id, known, queued);
    tree.bones.forEach(function (bone) {
      const items = nodesOf(bone.causes, used, known, queued).concat(onBones[bone.key] || []);
      if (!items.length) return empty.push(bone.name);
      const view = boneView(bone);
      seen[bone.key] = true;
      syncChildren(view.list, items);
      sections.push(view.el);
    });
    setText(emptyNote, empty.length ? fmt(t.no_causes, { bones: empty.join(", ") }) : "");
    syncChildren(body, sections.concat(adding && empty.length ? [emptyNote] : []));
    const total = tree.count + Object.keys(queued).length;
    setText(count, " · " + (total === 1 ? t.causes_one : fmt(t.causes_n, { n: total })));
    const open = opened === null ? total <= COLLAPSE_OVER : opened;
    body.hidden = !open || !body.childNodes.length;
    fold.setAttribute("aria-expanded", String(open));
    show(root, total > 0 || adding);
    show(add, adding);
    if (!adding && !addForm.el.hidden) toggle(add, addForm, false);
    const choices = bonesOf(store).map(function (b) { return b.key + "|" + b.name; }).join("\n");
    if (addForm.bone.uraiChoices !== choices) {
      addForm.bone.uraiChoices = choices;
      const chosen = addForm.bone.value;
      syncChildren(addForm.bone, bonesOf(store).map(function (b) { return el("option", { value: b.key, text: b.name }); }));
      if (chosen) addForm.bone.value = chosen;
    }
    prune(views, function (id) { return used[id]; });
    prune(boneViews, function (key) { return seen[key]; });
    prune(pendingViews, function (id) { return queued[id]; });
  }

  return { el: root, render: render };
}
