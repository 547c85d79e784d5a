/* attendance: the phone's panel while an attendance step is current. The
 * participant signs the day's list with a finger (shared/attendance-sign.js);
 * the panel says once it is signed (also after a reload or a reconnect: the
 * snapshot carries this phone's own entries) and how many have signed. */

import { fmt, readJSON, setText, show } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, countOf, mineOf } from "../shared/attendance-state.js";
import { createSignForm } from "../shared/attendance-sign.js";

function mount(ctx, root) {
  const t = readJSON("attendance-strings");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const formNode = root.querySelector("form");
  let again = false; // "sign again": the form shows over a signed day
  let day = 1;
  const form = createSignForm(formNode, {
    t: t,
    url: root.getAttribute("data-sign-url"),
    csrf: root.getAttribute("data-csrf"),
    signed: function (entry) {
      again = false;
      /* as the broadcast will say it; the acknowledgement comes first */
      ctx.store.apply({ type: "attendance.signed", data: entry });
    }
  });
  q("attendance-again").addEventListener("click", function () {
    again = true;
    render(ctx.store.activities[KIND] || {}, ctx.store.phase());
  });

  function render(state, phase) {
    day = (phase && phase.day) || 1;
    const date = dayDate(ctx.store.workshop, day);
    setText(q("attendance-day"), date ? fmt(t.day_date, { day: day, date: date }) : fmt(t.day, { day: day }));
    const mine = mineOf(state, day);
    show(q("attendance-done"), !!mine && !again);
    setText(q("attendance-done-text"), mine ? fmt(t.signed, { day: day }) : "");
    show(formNode, !mine || again);
    form.fill(state.me);
    form.fit();
    setText(q("attendance-count"), fmt(t.count, { n: countOf(state, day) }));
  }

  return { render: render };
}

/* The calendar date of `day`, from the workshop's first day, in the page's language. */
export function dayDate(workshop, day) {
  if (!workshop || !workshop.date) return "";
  const first = new Date(workshop.date + "T00:00:00");
  first.setDate(first.getDate() + day - 1);
  return first.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
}

registerActivity(KIND, { mount: mount });
