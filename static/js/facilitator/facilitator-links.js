/* The secret links made just now ("Keep these secret links"), shown once by the
 * server (templates/facilitator/_fresh_links.html): put away at once with one
 * button, so that a laptop mirrored to the projector does not show the room a
 * full-control link; they come back only when asked, from the page's menu. */

import { el } from "../shared/dom.js";
import { button } from "./facilitator-ui.js";
import { texts } from "./facilitator-texts.js";

export function createLinksBox() {
  const heading = document.getElementById("links-h");
  const box = heading ? heading.closest("section") : null;
  if (!box) return;
  const words = texts();
  let again = null;
  const away = button(words.links_hide, "secondary", function () {
    box.hidden = true;
    if (!again) {
      again = button(words.links_show, "secondary", function () {
        box.hidden = false;
        again.hidden = true;
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }, { "data-links-show": "" });
      const menu = document.querySelector(".fac-jump");
      if (menu) menu.appendChild(again);
      else box.parentNode.insertBefore(again, box);
    }
    again.hidden = false;
    again.focus();
  }, { "data-links-hide": "" });
  box.appendChild(el("div", { className: "actions" }, [away]));
}
