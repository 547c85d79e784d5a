/* Groups of the "Moderate" panel that fill in a card's details: a bottleneck's
 * cause and impact and votes on someone's behalf (a solution's action plan has
 * its dialog, facilitator-plan.js). Labels are the page's strings, keyed by name. Each returns {root, refresh(card)}. */

import { el, fmt } from "../shared/dom.js";
import { errorArea, showError, showOk, syncValue, select, button, field, int, participantOptions, fillSelect } from "./facilitator-ui.js";

/* A titled group of controls with its own error area. */
export function group(title, children, className) {
  const area = errorArea();
  const root = el("fieldset", { className: "fac-group " + (className || "") }, [el("legend", { text: title })].concat(children, [area]));
  return { root: root, area: area };
}

/* A form (Enter submits) whose submit button calls submit(area, button). */
export function formGroup(title, children, label, submit, className) {
  const b = el("button", { type: "submit", className: "button", text: label });
  const g = group(title, children.concat([b]), className);
  const form = el("form", { className: "fac-form", novalidate: true }, [g.root]);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit(g.area, b);
  });
  return { root: form, area: g.area };
}

/* A bottleneck's cause and impact for the matrix; its U, S, G and APKL are
 * scored in the grid of facilitator-scoring.js, a row a card. */
export function notesGroup(ctx, id) {
  const t = ctx.t;
  const rules = ctx.rules;
  const cause = el("textarea", { rows: 2, maxlength: rules.limits.note });
  const impact = el("textarea", { rows: 2, maxlength: rules.limits.note });
  const scores = el("p", { className: "hint" }, [el("a", { href: "#scoring-h", text: t.score_in_grid })]);
  const form = formGroup(t.cause_impact, [scores, field(t.cause, cause), field(t.impact, impact)], t.save_changes, function (area, b) {
    ctx.send("card:assess", { card_id: id, cause: cause.value, impact: impact.value }, { area: area, button: b, okText: t.saved });
  });
  return {
    root: form.root,
    refresh: function (card) {
      const a = card.assessment || {};
      syncValue(cause, a.cause || "");
      syncValue(impact, a.impact || "");
    }
  };
}

/* Votes for a participant without a phone (vote:cast / vote:retract with participant_id). */
export function voteGroup(ctx, id) {
  const t = ctx.t;
  const voter = select([]);
  let g = null;
  function vote(event, b) {
    const pid = int(voter.value);
    if (!pid) return showError(g.area, t.choose_participant_first);
    ctx.send(event, { card_id: id, participant_id: pid }, {
      area: g.area,
      button: b,
      ok: function (reply) {
        const person = ctx.store.participants[pid];
        const card = ctx.store.cards[id];
        const left = reply.my_votes && reply.my_votes.left && card ? reply.my_votes.left[card.kind] : null;
        const known = person && left !== null && left !== undefined;
        showOk(g.area, known ? fmt(t.votes_left, { name: person.name, n: left }) : t.saved);
      }
    });
  }
  const plus = button("+", "secondary", function () { vote("vote:cast", plus); }, { "aria-label": t.vote_add });
  const minus = button("−", "secondary", function () { vote("vote:retract", minus); }, { "aria-label": t.vote_retract });
  g = group(t.vote_for, [field(t.participant, voter), el("div", { className: "actions fac-vote-row" }, [plus, minus])]);
  return {
    root: g.root,
    refresh: function () { fillSelect(voter, participantOptions(ctx.store, t.choose_participant)); }
  };
}
