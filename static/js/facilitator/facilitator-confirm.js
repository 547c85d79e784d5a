/* A question asked before a step that is hard to take back ("End the workshop?"):
 * a modal <dialog> naming the step, what follows, and two buttons; Escape or
 * "Cancel" keeps things as they were. One dialog for the page, built on first use. */

import { el, setText } from "../shared/dom.js";
import { texts } from "./facilitator-texts.js";

let dialog = null;

function build() {
  const title = el("h2", { id: "confirm-title" });
  const body = el("p", { id: "confirm-body" });
  const yes = el("button", { type: "button", className: "button danger", "data-confirm": "yes" });
  const no = el("button", { type: "button", className: "button secondary", "data-confirm": "no", text: texts().cancel });
  const node = el("dialog", { className: "fac-dialog fac-confirm", "aria-labelledby": "confirm-title", "aria-describedby": "confirm-body" }, [
    title, body, el("div", { className: "actions" }, [yes, no])
  ]);
  document.body.appendChild(node);
  return { node: node, title: title, body: body, yes: yes, no: no };
}

/* Ask; resolves true when the step is confirmed. `label` names the step on its button. */
export function confirmStep(question, detail, label) {
  if (!dialog) dialog = build();
  const d = dialog;
  setText(d.title, question);
  setText(d.body, detail);
  setText(d.yes, label);
  return new Promise(function (resolve) {
    function done(answer) {
      d.yes.onclick = d.no.onclick = null;
      d.node.onclose = null;
      if (d.node.open) d.node.close();
      resolve(answer);
    }
    d.yes.onclick = function () { done(true); };
    d.no.onclick = function () { done(false); };
    d.node.onclose = function () { done(false); };
    d.node.showModal();
    d.no.focus(); /* the safe choice first: Enter does not end a workshop by accident */
  });
}
