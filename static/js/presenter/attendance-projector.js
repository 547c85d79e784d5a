/* attendance: the projector while an attendance step is current: the day's
 * count, large. The projector is never told who signed, nor sent a signature. */

import { fmt, readJSON, setText } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, countOf } from "../shared/attendance-state.js";

function mount(ctx, root) {
  const t = readJSON("attendance-strings");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  return {
    render: function (state, phase) {
      const day = (phase && phase.day) || 1;
      const joined = ctx.store.roster.total || 0;
      setText(q("attendance-day"), fmt(t.day, { day: day }));
      setText(q("attendance-count"), String(countOf(state, day)));
      setText(q("attendance-of"), joined ? fmt(t.signed_of, { n: joined }) : t.signed);
    }
  };
}

registerActivity(KIND, { mount: mount });
