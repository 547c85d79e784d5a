/* Moving to another sector from the phone: a button by the board's heading
 * opens the workshop's sectors; choosing one sends `participant:sector`
 * (docs/PROTOCOL.md). The server moves the same participant (one attendance
 * row); the page then takes the new sector as its group's and watches its board. */

import { el, setText, show, syncChildren } from "../shared/dom.js";

export function createSectorPicker(ctx) {
  const t = ctx.t;
  const byId = function (id) { return document.getElementById(id); };
  const open = byId("sector-change");
  const form = byId("sector-form");
  const choices = byId("sector-choices");
  const error = byId("sector-error");
  const moved = byId("sector-moved");
  const submit = form.querySelector("button[type=submit]");
  let key = "";

  function own() {
    return ctx.viewer.group_sector;
  }

  function renderChoices() {
    const list = ctx.sectors();
    const next = list.map(function (s) { return s.id + ":" + s.name; }).join("|") + "/" + own();
    if (next === key) return;
    key = next;
    syncChildren(choices, list.map(function (sector) {
      return el("label", { className: "choice" }, [
        el("input", { type: "radio", name: "sector_id", value: sector.id, checked: sector.id === own() }),
        el("span", { text: sector.name })
      ]);
    }));
  }

  function toggle(visible) {
    if (visible) {
      key = ""; /* start from the sector the participant is in */
      renderChoices();
      setText(error, "");
      setText(moved, "");
    }
    show(form, visible);
    open.setAttribute("aria-expanded", String(visible));
    if (visible) {
      const checked = choices.querySelector("input:checked") || choices.querySelector("input");
      if (checked) checked.focus();
    }
  }

  open.addEventListener("click", function () { toggle(form.hidden); });
  /* The confirmation of a move stays until the participant goes on (writes, or looks elsewhere). */
  const textArea = byId("post-text");
  if (textArea) textArea.addEventListener("input", function () { setText(moved, ""); });
  byId("sector-cancel").addEventListener("click", function () { toggle(false); open.focus(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const picked = choices.querySelector("input:checked");
    if (!picked) return;
    const id = Number(picked.value);
    if (!ctx.connected()) {
      setText(error, t.move_offline);
      return;
    }
    setText(error, "");
    submit.disabled = true;
    ctx.emit("participant:sector", { sector_id: id }, function (err, reply) {
      submit.disabled = false;
      if (err || !reply) return setText(error, t.move_failed);
      if (!reply.ok) return setText(error, (reply.error && reply.error.message) || t.move_failed);
      ctx.viewer.group_sector = reply.group_sector;
      toggle(false);
      const sector = ctx.sectors().find(function (s) { return s.id === reply.group_sector; });
      setText(moved, t.moved.replace("{sector}", sector ? sector.name : ""));
      ctx.moved(reply.group_sector);
      open.focus();
    });
  });

  return {
    /* The button shows once there is a choice to make (and nothing is over). */
    render: function (usable) {
      show(open, usable && ctx.sectors().length > 1);
      if (!usable && !form.hidden) toggle(false);
    }
  };
}
