/* The note that follows a merge or a grouping, with its Undo (#toast). It stands
 * with the selection bar in one dock at the foot of the screen, the note above
 * the bar (CSS: .fac-dock), so that it never covers the bar's buttons ("Merge
 * into ..."), and it goes by itself after a few seconds. */

import { el, setText } from "../shared/dom.js";

const NOTE_MS = 6000; /* how long the note stays */

function dock() {
  const bar = document.getElementById("selection-bar");
  const note = document.getElementById("toast");
  if (!bar || !note || bar.parentNode.classList.contains("fac-dock")) return;
  const holder = el("div", { className: "fac-dock" });
  bar.parentNode.insertBefore(holder, bar);
  holder.appendChild(note);
  holder.appendChild(bar);
}

export function createNote(t) {
  const $ = function (id) { return document.getElementById(id); };
  let timer = null;

  function hideLater(ms) {
    clearTimeout(timer);
    timer = setTimeout(function () { $("toast").hidden = true; }, ms || NOTE_MS);
  }

  /* Show `text`; with `undo` (a function returning a promise), an Undo button. */
  function show(text, undo) {
    clearTimeout(timer);
    setText($("toast-text"), text);
    const b = $("toast-undo");
    b.hidden = !undo;
    b.removeAttribute("aria-busy");
    b.onclick = undo ? function () {
      if (b.getAttribute("aria-busy") === "true") return;
      b.setAttribute("aria-busy", "true");
      clearTimeout(timer); /* the note stays until the server answers */
      undo().then(function () {
        b.hidden = true;
        setText($("toast-text"), t.undone);
        hideLater();
      }, function (error) {
        b.removeAttribute("aria-busy");
        setText($("toast-text"), (error && error.message) || t.no_answer);
        hideLater();
      });
    } : null;
    $("toast").hidden = false;
    hideLater();
  }

  dock();
  $("toast-close").addEventListener("click", function () {
    clearTimeout(timer);
    $("toast").hidden = true;
  });
  return { show: show };
}
