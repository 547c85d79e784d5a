/* The facilitator's follow-up panel: progress per owner agency (counts per
 * status, overdue items) and every planned solution with its status buttons,
 * live from the FollowUp state (followup.js) the page's Stream keeps. */

import { el, readJSON, setText, syncChildren } from "../shared/dom.js";
import { createItemList } from "../shared/followup-view.js";
import { confirmStep } from "./facilitator-confirm.js";
import { texts } from "./facilitator-texts.js";

/* The life-cycle steps asked about first: ending the day and archiving. */
const ASKED = { end: ["confirm_end", "confirm_end_body"], archive: ["confirm_archive", "confirm_archive_body"] };

/* Each asked step's form submits only once confirmed in the dialog. */
function askBeforeMoves() {
  Object.keys(ASKED).forEach(function (action) {
    const form = document.querySelector("form[data-move='" + action + "']");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (form.uraiConfirmed) return;
      event.preventDefault();
      const words = texts();
      const button = form.querySelector("button[type=submit]");
      confirmStep(words[ASKED[action][0]], words[ASKED[action][1]], button ? button.textContent.trim() : action).then(function (yes) {
        if (!yes) {
          if (button) button.focus();
          return;
        }
        form.uraiConfirmed = true;
        form.submit();
      });
    });
  });
}

export function createFollowUpPanel(ctx, follow) {
  const t = readJSON("followup-strings");
  askBeforeMoves();
  const body = document.getElementById("fu-progress-body");
  const stateName = document.getElementById("fu-state-name");
  const list = createItemList(document.getElementById("fu-items"), document.getElementById("fu-empty"), follow, {
    t: t,
    statuses: ctx.rules.follow_up_statuses,
    noteMax: ctx.rules.limits.note,
    mayUpdate: function () { return !follow.readOnly(); },
    send: function (payload, done) {
      ctx.send("plan:status", payload, {
        ok: function () { done(null); },
        fail: function (error) { done(error || { message: t.failed }); }
      });
    },
    formatTime: function (iso) {
      const when = new Date(iso);
      return isNaN(when.getTime()) ? iso : when.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "short", timeStyle: "short" });
    }
  });

  function progressRow(row) {
    const cells = [row.belum, row.berjalan, row.selesai].map(function (n) { return el("td", { text: String(n) }); });
    return el("tr", { "data-agency": row.agency_key }, [el("th", { scope: "row", text: row.agency || t.no_agency })].concat(cells, [
      el("td", { className: row.overdue ? "fu-overdue" : "", text: String(row.overdue) }),
      el("td", { text: String(row.total) })
    ]));
  }

  /* The life-cycle buttons open from the current state (rules.lifecycle: reopening
   * for the follow-up meeting only once the day has ended), kept right when
   * another steering page moves the workshop on. */
  function renderMoves() {
    if (!follow.state) return;
    ctx.rules.lifecycle.forEach(function (move) {
      const form = document.querySelector("form[data-move='" + move.action + "']");
      if (form) form.hidden = move.from.indexOf(follow.state) < 0;
    });
  }

  return {
    render: function () {
      if (follow.state && t.states[follow.state]) setText(stateName, t.states[follow.state]);
      renderMoves();
      syncChildren(body, follow.progress.map(progressRow));
      list.render();
    }
  };
}
