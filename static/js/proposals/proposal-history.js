/* The earlier versions of the section being written, fetched when the person
 * opens the list: every save, the refused ones too, with who saved it; any of
 * them can be put back in the box (and saved like any text), so no version a
 * person wrote is ever out of reach. */

import { el, show, syncChildren } from "../shared/dom.js";

export function createHistory(ctx) {
  const t = ctx.t;
  const desk = ctx.desk;
  const box = document.getElementById("history");
  const list = document.getElementById("history-items");
  let shownFor = null; // "proposal:section" whose versions are listed

  function item(r, key) {
    const who = r.by || (r.by_staff ? t.history_by_facilitator : "");
    const when = new Date(r.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    const head = ["v" + r.version, t["outcome_" + r.outcome] || r.outcome, who, when].filter(Boolean).join(" · ");
    return el("li", { className: "history-item " + r.outcome }, [
      el("p", { className: "hint", text: head }),
      el("p", { className: "history-text", text: r.text }),
      desk.open && desk.open.editable ? el("button", {
        type: "button",
        className: "button secondary",
        onclick: function () {
          desk.edit(key, r.text);
          ctx.changed(key);
        }
      }, [t.history_use]) : null
    ]);
  }

  function load() {
    const open = desk.open;
    const key = ctx.section();
    if (!open || !key || !box.open) return;
    const which = open.id + ":" + key;
    ctx.emit("proposal:history", { proposal_id: open.id, section: key }, function (reply) {
      if (!reply.ok || !box.open || !desk.open || desk.open.id + ":" + ctx.section() !== which) return;
      shownFor = which;
      const now = desk.section(key);
      const rows = reply.revisions.filter(function (r) { // all but the text now saved
        return r.outcome === "refused" || !now || r.version !== now.version;
      });
      syncChildren(list, rows.length ? rows.map(function (r) { return item(r, key); }) : [el("li", { text: t.history_none })]);
    });
  }

  box.addEventListener("toggle", load);

  /* Called on every render: a list for another section (or an older version) is dropped. */
  function render() {
    const open = desk.open;
    show(box, !!open);
    if (!open) return;
    const which = open.id + ":" + ctx.section();
    if (shownFor !== null && shownFor !== which) {
      shownFor = null;
      box.open = false;
      syncChildren(list, []);
    }
  }

  return { render: render, reload: function () { if (box.open) load(); } };
}
