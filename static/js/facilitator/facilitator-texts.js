/* The strings of the facilitator's actions (templates/facilitator/_actions_strings.html),
 * in the page's language: approve all, bulk actions, the action-plan dialog,
 * confirmations, the secret-link box and what the projector shows large. */

import { readJSON } from "../shared/dom.js";

let cached = null;

export function texts() {
  if (!cached) cached = readJSON("actions-strings") || {};
  return cached;
}
