/* The controls on a card of the phone board: the participant's dots, the
 * compact USG form of their own sector's bottlenecks, and the form that
 * proposes a solution. Whether each shows is asked of rules.js. */

import { el, setText, show } from "./dom.js";
import { scoreOptions, optionNodes } from "./cards.js";
import { may, canAddDot, myDots } from "./rules.js";
import { addressable } from "./causes.js";

/* "Vote" and "Take back" with the participant's own dots on the card. */
export function voteControl(ctx, cardId) {
  const t = ctx.t;
  let busy = false;
  const count = el("strong", { className: "my-votes-count", text: "0" });
  const error = el("p", { className: "field-error vote-error", role: "alert" });
  const about = "text-" + cardId;
  const add = el("button", { type: "button", className: "button vote-add", "aria-describedby": about, onclick: function () { send("vote:cast"); } }, [
    el("span", { "aria-hidden": "true", text: "+ " }),
    t.vote
  ]);
  const back = el("button", { type: "button", className: "button secondary vote-remove", "aria-describedby": about, onclick: function () { send("vote:retract"); } }, [
    el("span", { "aria-hidden": "true", text: "− " }),
    t.take_back
  ]);
  const box = el("div", { className: "vote-row", hidden: true }, [add, el("span", { className: "my-votes" }, [t.my_votes + " ", count]), back, error]);

  function send(event) {
    if (busy) return;
    busy = true;
    box.setAttribute("aria-busy", "true");
    error.textContent = "";
    ctx.emit(event, { card_id: cardId }, function (err, reply) {
      busy = false;
      box.removeAttribute("aria-busy");
      if (err || !reply) error.textContent = t.vote_failed;
      else if (!reply.ok) error.textContent = reply.error.message;
      else ctx.store.setMyVotes(reply.my_votes);
    });
  }

  /* Returns the participant's dots on the card (0 when voting is not open on it). */
  function update(card) {
    const on = may(card, "vote", ctx);
    show(box, on);
    if (!on) return 0;
    const mine = ctx.store.myVotes;
    const n = myDots(card, mine);
    setText(count, n);
    add.disabled = !canAddDot(card, mine);
    back.disabled = n <= 0;
    return n;
  }

  return { el: box, update: update };
}

/* The compact USG form: a select per score (rules.scores, rules.ranges.score)
 * and a box per APKL check (rules.apkl). */
export function usgForm(ctx, cardId) {
  const t = ctx.t;
  const rules = ctx.rules;
  const selects = {};
  const boxes = {};
  const total = el("strong", { className: "usg-total-value", text: "–" });
  const status = el("p", { className: "usg-status", role: "status" });

  function save(patch) {
    patch.card_id = cardId;
    status.textContent = t.saving;
    ctx.emit("card:assess", patch, function (err, reply) {
      const card = ctx.store.cards[cardId];
      if (err || !reply || !reply.ok) {
        status.textContent = reply && reply.error ? reply.error.message : t.failed;
        if (card) update(card, true);
        return;
      }
      status.textContent = t.saved;
      if (card) ctx.store.apply({ type: "card.updated", data: reply.card });
    });
  }

  function scoreField(key) {
    const id = "usg-" + key + "-" + cardId;
    const select = el("select", { id: id, name: key, className: "usg-" + key, "aria-describedby": "text-" + cardId }, optionNodes(scoreOptions(rules, "–")));
    select.addEventListener("change", function () {
      const patch = {};
      patch[key] = select.value ? Number(select.value) : null;
      save(patch);
    });
    selects[key] = select;
    return el("div", { className: "usg-field" }, [el("label", { for: id, text: t["score_" + key] }), select]);
  }

  function check(key) {
    const box = el("input", { type: "checkbox", name: key, className: "apkl-" + key });
    box.addEventListener("change", function () {
      const apkl = {};
      apkl[key] = box.checked;
      save({ apkl: apkl });
    });
    boxes[key] = box;
    return el("label", { className: "choice" }, [box, el("span", { text: t["apkl_" + key] || key })]);
  }

  const root = el("fieldset", { className: "usg" }, [
    el("legend", { text: t.usg }),
    el("div", { className: "usg-scores" }, rules.scores.map(scoreField)),
    el("p", { className: "usg-total" }, [t.total + " ", total]),
    el("fieldset", { className: "apkl" }, [el("legend", { text: t.apkl }), el("div", { className: "apkl-checks" }, rules.apkl.map(check))]),
    status
  ]);

  /* Show the stored scores; a control the participant is using keeps its value. */
  function update(card, force) {
    const a = card.assessment || {};
    rules.scores.forEach(function (key) {
      const value = a[key] === null || a[key] === undefined ? "" : String(a[key]);
      if ((force || document.activeElement !== selects[key]) && selects[key].value !== value) selects[key].value = value;
    });
    rules.apkl.forEach(function (key) {
      const checked = !!(a.apkl && a.apkl[key]);
      if (boxes[key].checked !== checked) boxes[key].checked = checked;
    });
    setText(total, a.total === null || a.total === undefined ? "–" : a.total);
  }

  return { el: root, update: update };
}

/* The solution form under a bottleneck; it lives as long as the card's view. */
export function solutionForm(ctx, bottleneckId) {
  const t = ctx.t;
  const area = el("textarea", {
    name: "text",
    rows: "2",
    maxlength: String(ctx.rules.limits.text),
    required: true,
    "aria-label": t.solution_label,
    placeholder: t.solution_placeholder
  });
  const error = el("p", { className: "field-error", role: "alert" });
  // Which root cause the solution answers, when the room found some (optional).
  const addresses = el("select", { name: "addresses_id", "aria-label": t.addresses_label });
  const pick = el("label", { className: "addresses-field", hidden: true }, [t.addresses_label, addresses]);
  const box = el("form", { className: "solution-form", hidden: true }, [area, pick, error, el("button", { type: "submit", className: "button", text: t.send_solution })]);
  box.addEventListener("focusin", function () {
    const options = addressable(ctx.store, bottleneckId);
    const kept = addresses.value;
    addresses.replaceChildren.apply(addresses, optionNodes([{ value: "", label: t.addresses_none }].concat(options)));
    addresses.value = options.some(function (o) { return o.value === kept; }) ? kept : "";
    pick.hidden = options.length === 0;
  });
  box.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    const text = area.value.trim();
    if (!text) return;
    const payload = { kind: "solution", parent_id: bottleneckId, text: text };
    if (addresses.value) payload.addresses_id = Number(addresses.value);
    ctx.post(payload, { error: error, restore: area });
    area.value = "";
    addresses.value = "";
  });
  if (ctx.similar) ctx.similar.attach(box, area, { kind: "solution", parentId: bottleneckId });
  return box;
}
