/* A status change for every card chosen in select mode (cards:bulk): approve,
 * hide, show, delete or restore, each button shown with how many of the chosen
 * cards' `actions` allow it. The server changes those in one unit of work and
 * names each card it left as it was, with why; the bar says both. */

import { fmt, setText, short, show } from "../shared/dom.js";
import { showError, showOk, button } from "./facilitator-ui.js";
import { texts } from "./facilitator-texts.js";

/* `chosen()`: the ids chosen; `after()`: redraw the bar once the server answered. */
export function createBulk(ctx, chosen, after) {
  const t = ctx.t;
  const store = ctx.store;
  const words = texts();
  const buttons = {}; // action -> its button in the selection bar
  const $ = function (id) { return document.getElementById(id); };

  function explain(reply) {
    return reply.refused.map(function (r) {
      const card = store.cards[r.card_id];
      return (card ? "“" + short(card.text, 30) + "”: " : "#" + r.card_id + ": ") + r.message;
    });
  }

  function changeAll(action, b) {
    const area = $("selection-error");
    ctx.send("cards:bulk", { card_ids: chosen().slice(), action: action }, {
      area: area,
      button: b,
      ok: function (reply) {
        const why = explain(reply);
        const done = fmt(words.bulk_done, { n: reply.done.length });
        if (why.length) showError(area, done + " " + fmt(words.bulk_refused, { n: why.length, why: why.join("; ") }));
        else showOk(area, done);
        after();
      }
    });
  }

  return {
    render: function (ids) {
      ctx.rules.transitions.forEach(function (transition) {
        const action = transition.action;
        const n = ids.filter(function (id) {
          const card = store.cards[id];
          return card && (card.actions || []).indexOf(action) >= 0;
        }).length;
        let b = buttons[action];
        if (!b) {
          b = buttons[action] = button("", action === "delete" ? "danger" : "secondary", function () { changeAll(action, b); }, { "data-bulk": action });
          $("selection-bar").insertBefore(b, $("selection-clear"));
        }
        setText(b, (t[action] || action) + " (" + n + ")");
        show(b, n > 0);
      });
    }
  };
}
