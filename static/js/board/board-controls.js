/* The controls on a card of the phone board: the participant's dots, the
 * compact USG form of their own sector's bottlenecks, and the form that
 * proposes a solution. Whether each shows is asked of rules.js. */

import { el, setText, show } from "../shared/dom.js";
import { optionNodes } from "../shared/cards.js";
import { may, canAddDot, myDots } from "../shared/rules.js";
import { addressable } from "../shared/causes.js";

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

/* USG on a phone: one compact row a card (the scores, who changed them last, a
 * "Score" button) that opens one form at a time, with what each 1-5 means.
 * The sector's group shares the scores: a save carries the version it was
 * edited from, and if someone changed them meanwhile the server refuses it
 * (`conflict`); the form then shows their scores and asks before overwriting. */
let openEditor = null; // the one USG form open on this phone

export function usgForm(ctx, cardId) {
  const t = ctx.t;
  const rules = ctx.rules;
  const range = rules.ranges.score;
  const summary = el("p", { className: "usg-summary" });
  const changed = el("p", { className: "usg-changed" });
  const toggle = el("button", {
    type: "button", className: "button secondary usg-open", "aria-expanded": "false",
    "aria-describedby": "text-" + cardId, onclick: function () { editor.hidden ? open() : close(); }
  });
  const status = el("p", { className: "usg-status", role: "status" });
  const clash = el("div", { className: "usg-conflict", role: "alert", hidden: true });
  const picks = {}; // key -> chosen value (number | null)
  const groups = {};
  const boxes = {};
  let base = null; // the version the open form was filled in from
  let card = null;
  let busy = false;

  function scoreField(key) {
    const name = "usg-" + key + "-" + cardId;
    const buttons = [];
    for (let n = range[0]; n <= range[1]; n++) {
      const input = el("input", { type: "radio", name: name, value: String(n), className: "usg-pick-input" });
      input.addEventListener("change", function () { picks[key] = n; });
      buttons.push(el("label", { className: "usg-pick" }, [input, el("span", { text: String(n) })]));
    }
    groups[key] = buttons.map(function (b) { return b.firstChild; });
    return el("fieldset", { className: "usg-field usg-" + key }, [
      el("legend", {}, [el("strong", { text: t["score_" + key] }), " ", el("span", { className: "usg-legend", text: t["legend_" + key] })]),
      el("div", { className: "usg-picks" }, buttons)
    ]);
  }

  function check(key) {
    const box = el("input", { type: "checkbox", name: key, className: "apkl-" + key });
    boxes[key] = box;
    return el("label", { className: "choice" }, [box, el("span", { text: t["apkl_" + key] || key })]);
  }

  const save = el("button", { type: "submit", className: "button usg-save", text: t.save });
  const editor = el("form", { className: "usg-editor", hidden: true }, [
    el("p", { className: "hint usg-scale", text: t.usg_scale }),
    el("div", { className: "usg-scores" }, rules.scores.map(scoreField)),
    el("fieldset", { className: "apkl" }, [el("legend", { text: t.apkl }), el("div", { className: "apkl-checks" }, rules.apkl.map(check))]),
    clash,
    el("div", { className: "usg-actions" }, [save, el("button", { type: "button", className: "button secondary", text: t.cancel, onclick: function () { close(); } })])
  ]);
  editor.addEventListener("submit", function (ev) {
    ev.preventDefault();
    send(base);
  });

  const root = el("section", { className: "usg", "aria-label": t.usg }, [
    el("div", { className: "usg-row" }, [el("div", { className: "usg-now" }, [summary, changed]), toggle]),
    editor,
    status
  ]);

  function scoresOf(a) {
    if (!a) return t.not_scored;
    const parts = rules.scores.map(function (key) { return key.toUpperCase() + " " + (a[key] === null || a[key] === undefined ? "–" : a[key]); });
    return (a.total === null || a.total === undefined ? "" : t.usg + " " + a.total + " · ") + parts.join(" ");
  }

  function ago(version) {
    const w = ctx.store.workshop;
    const skew = w && w.server_time ? Date.parse(w.server_time) - ctx.store.receivedAt : 0;
    const minutes = Math.floor((Date.now() + skew - Date.parse(version)) / 60000);
    if (!(minutes >= 1)) return t.ago_now;
    if (minutes < 60) return t.ago_min.replace("{n}", minutes);
    return t.ago_hour.replace("{n}", Math.floor(minutes / 60));
  }

  function whoChanged(a) {
    if (!a || !a.version) return "";
    const by = a.changed_by;
    if (by === null || by === undefined) return t.changed_by_facilitator.replace("{ago}", ago(a.version));
    if (!by.name) return t.changed_by_someone.replace("{ago}", ago(a.version));
    return t.changed_by.replace("{name}", by.name).replace("{ago}", ago(a.version));
  }

  function fill(a) {
    rules.scores.forEach(function (key) {
      const value = a && a[key] !== undefined ? a[key] : null;
      picks[key] = value;
      groups[key].forEach(function (input) { input.checked = value !== null && Number(input.value) === value; });
    });
    rules.apkl.forEach(function (key) { boxes[key].checked = !!(a && a.apkl && a.apkl[key]); });
  }

  function versionOf(c) {
    return c && c.assessment ? c.assessment.version || null : null;
  }

  function open() {
    if (openEditor && openEditor !== api) openEditor.close();
    openEditor = api;
    card = ctx.store.cards[cardId] || card;
    base = versionOf(card);
    fill(card && card.assessment);
    clash.hidden = true;
    status.textContent = "";
    editor.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    const first = editor.querySelector("input:checked") || editor.querySelector("input");
    if (first) first.focus({ preventScroll: true });
    root.scrollIntoView({ block: "nearest" });
  }

  function close() {
    editor.hidden = true;
    clash.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (openEditor === api) openEditor = null;
  }

  function send(from) {
    if (busy) return;
    busy = true;
    const patch = { card_id: cardId, base: from, apkl: {} };
    rules.scores.forEach(function (key) { patch[key] = picks[key]; });
    rules.apkl.forEach(function (key) { patch.apkl[key] = boxes[key].checked; });
    status.textContent = t.saving;
    save.disabled = true;
    ctx.emit("card:assess", patch, function (err, reply) {
      busy = false;
      save.disabled = false;
      if (!err && reply && reply.ok) {
        status.textContent = t.saved;
        close();
        ctx.store.apply({ type: "card.updated", data: reply.card });
        return;
      }
      if (reply && reply.error && reply.error.code === "conflict") {
        status.textContent = "";
        showClash();
        return;
      }
      status.textContent = reply && reply.error ? reply.error.message : t.failed;
    });
  }

  /* Someone else saved first: their scores beside mine; the person decides. */
  function showClash() {
    const now = ctx.store.cards[cardId] || card;
    const a = now && now.assessment;
    const by = a && a.changed_by && a.changed_by.name ? a.changed_by.name : t.conflict_someone;
    clash.replaceChildren(
      el("p", { className: "usg-conflict-title", text: t.conflict_title.replace("{who}", by) }),
      el("p", { className: "usg-conflict-theirs", text: scoresOf(a) }),
      el("div", { className: "usg-actions" }, [
        el("button", { type: "button", className: "button usg-overwrite", text: t.conflict_overwrite, onclick: function () {
          const fresh = ctx.store.cards[cardId] || now;
          base = versionOf(fresh);
          clash.hidden = true;
          send(base);
        } }),
        el("button", { type: "button", className: "button secondary usg-keep", text: t.conflict_keep, onclick: function () {
          close();
        } })
      ])
    );
    clash.hidden = false;
  }

  /* Show the stored scores; an open form keeps what the person is choosing. */
  function update(next) {
    card = next;
    const a = next.assessment;
    setText(summary, scoresOf(a));
    setText(changed, whoChanged(a));
    setText(toggle, a ? t.rescore : t.score);
    // Changed by someone else while this form is open: say so now, not at saving.
    if (!editor.hidden && !busy && clash.hidden && versionOf(next) !== base) showClash();
  }

  const api = { el: root, update: update, close: close };
  return api;
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
