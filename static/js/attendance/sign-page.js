/* A committee or speaker signing link's page: the signing form, then thanks.
 * Another may sign on the same phone after: the form stays, emptied. */

import { readJSON } from "../shared/dom.js";
import { createSignForm } from "../shared/attendance-sign.js";

const root = document.querySelector("[data-sign-url]");
const formNode = root.querySelector("form");
const done = root.querySelector("[data-sign-done]");
const form = createSignForm(formNode, {
  t: readJSON("attendance-strings"),
  url: root.getAttribute("data-sign-url"),
  csrf: root.getAttribute("data-csrf"),
  signed: function () {
    done.hidden = false;
    formNode.reset();
  }
});
form.fit();
window.addEventListener("resize", form.fit);
