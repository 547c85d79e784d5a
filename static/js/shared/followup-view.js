/* A list of follow-up items, on the phone and on the facilitator's page: each
 * planned solution with its owner agency, person in charge, indicator and
 * deadline, a note, then a button per status (one tap reports it with the note)
 * and the last update. Nodes are kept per item, so a half-typed note survives
 * a redraw. User text goes in as text only (dom.js). */

import { el, setText, show, syncChildren, setAttr } from "./dom.js";
import { statusPayload } from "./followup.js";

/* opts: t (strings), statuses (from the page config), mayUpdate(item) -> bool,
 * send(payload, done(error)), formatTime(iso) -> text. */
export function createItemList(container, empty, follow, opts) {
  const nodes = {}; // card_id -> {root, refresh}

  function build(cardId) {
    const t = opts.t;
    const title = el("h3", { className: "fu-solution" });
    const problem = el("p", { className: "fu-bottleneck" });
    const details = el("dl", { className: "fu-details" });
    const note = el("textarea", { rows: 2, maxlength: opts.noteMax, className: "fu-note", "aria-label": t.note });
    const error = el("p", { className: "field-error", role: "alert" });
    const last = el("p", { className: "fu-last hint" });
    const buttons = {};
    const row = el("div", { className: "fu-statuses", role: "group", "aria-label": t.status });
    opts.statuses.forEach(function (status) {
      buttons[status] = el("button", {
        type: "button",
        className: "button secondary fu-status fu-" + status,
        "data-status": status,
        text: t["status_" + status] || status,
        onclick: function () { report(status); }
      });
      row.appendChild(buttons[status]);
    });
    const save = el("button", { type: "button", className: "button secondary fu-save", text: t.save_note, onclick: function () {
      const item = follow.item(cardId);
      if (item) report(item.status);
    } });
    const noteLabel = el("label", { className: "fu-note-label", text: t.note });
    const root = el("article", { className: "panel fu-item", "data-card": cardId }, [
      title, problem, details, noteLabel, note, row, save, error, last
    ]);
    let typed = false; // the note was edited here: a redraw keeps it
    note.addEventListener("input", function () { typed = true; });

    function report(status) {
      const item = follow.item(cardId);
      if (!item) return;
      setText(error, "");
      root.setAttribute("aria-busy", "true");
      opts.send(statusPayload(item, status, note.value), function (err) {
        root.removeAttribute("aria-busy");
        if (err) setText(error, err.message || t.failed);
        else typed = false;
      });
    }

    function refresh(item) {
      setText(title, item.solution);
      setText(problem, item.bottleneck ? t.answers.replace("{text}", item.bottleneck) : "");
      show(problem, !!item.bottleneck);
      const rows = [
        [t.agency, item.agency || t.no_agency],
        [t.responsible, item.responsible],
        [t.indicator, item.indicator],
        [t.deadline, item.deadline ? item.deadline + (item.overdue ? " · " + t.overdue : "") : null]
      ].filter(function (pair) { return pair[1]; });
      syncChildren(details, rows.reduce(function (out, pair) {
        return out.concat([el("dt", { text: pair[0] }), el("dd", { text: pair[1] })]);
      }, []));
      const may = opts.mayUpdate(item);
      opts.statuses.forEach(function (status) {
        const b = buttons[status];
        setAttr(b, "aria-pressed", String(item.status === status));
        b.disabled = !may;
      });
      note.disabled = !may;
      save.disabled = !may;
      if (!typed && document.activeElement !== note) note.value = item.note || "";
      const by = item.updated_by;
      const who = by ? (by.staff ? t.by_facilitator : by.name || t.by_participant) : "";
      setText(last, item.updated_at ? t.last_update.replace("{when}", opts.formatTime(item.updated_at)).replace("{who}", who) : t.never_updated);
      root.className = "panel fu-item fu-is-" + item.status;
    }

    return { root: root, refresh: refresh };
  }

  return {
    render: function () {
      const items = follow.items();
      const list = items.map(function (item) {
        const node = nodes[item.card_id] || (nodes[item.card_id] = build(item.card_id));
        node.refresh(item);
        return node.root;
      });
      syncChildren(container, list);
      show(empty, !items.length);
    }
  };
}
