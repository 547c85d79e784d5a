/* Typing in paper cards (card:enter) for people without a phone, and the
 * live attendance list (daftar hadir). */

import { el, fmt, short, syncChildren } from "./dom.js";
import { newId } from "./outbox.js";
import { may } from "./rules.js";
import { showError, showOk, fillSelect, int, sectorName, participantOptions } from "./facilitator-ui.js";

export function createEntry(ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const $ = function (id) { return document.getElementById(id); };
  let draftId = null; // the client_id of the card being typed: kept until it is stored
  let nobody = ""; // the label of "no phone / anonymous paper card", from the page

  function kind() {
    const checked = document.querySelector('input[name="paper-kind"]:checked');
    return checked ? checked.value : "bottleneck";
  }

  function renderSectors() {
    fillSelect($("paper-sector"), store.sectors().map(function (s) { return { value: String(s.id), label: s.name }; }));
  }

  /* The bottlenecks of the chosen board that may take a solution now. */
  function renderParents() {
    const sectorId = int($("paper-sector").value);
    const parents = store.list(function (c) { return c.sector_id === sectorId && may(c, "solve", ctx); });
    const options = parents.map(function (c) {
      return { value: String(c.id), label: "#" + c.id + " " + short(c.text, 70) };
    });
    fillSelect($("paper-parent"), options.length ? options : [{ value: "", label: t.no_bottlenecks }]);
  }

  function renderKind() {
    const solution = kind() === "solution";
    $("paper-parent-field").hidden = !solution;
    $("paper-bottleneck-fields").hidden = solution;
  }

  function payload() {
    const data = { client_id: draftId, kind: kind(), text: $("paper-text").value };
    if (data.kind === "solution") {
      data.parent_id = int($("paper-parent").value);
    } else {
      data.sector_id = int($("paper-sector").value);
      data.category = $("paper-category").value || null;
      data.service = $("paper-service").value;
    }
    const author = int($("paper-author").value);
    if (author) data.participant_id = author;
    return data;
  }

  function check(data) {
    if (!data.text.trim()) return t.write_text;
    if (data.kind === "solution" && !data.parent_id) return t.choose_bottleneck;
    return null;
  }

  function submit(event) {
    event.preventDefault();
    if (!draftId) draftId = newId();
    const data = payload();
    const problem = check(data);
    $("paper-ok").textContent = "";
    if (problem) return showError($("paper-error"), problem);
    ctx.send("card:enter", data, {
      area: $("paper-error"),
      button: event.target.querySelector('button[type="submit"]'),
      ok: function () {
        draftId = null;
        $("paper-text").value = "";
        $("paper-service").value = "";
        $("paper-category").value = "";
        showOk($("paper-ok"), t.card_added);
        $("paper-text").focus();
      },
      fail: function (error) {
        // Nothing was stored, except perhaps on a lost answer: keep the id for a safe resend.
        if (error && error.code === "conflict") draftId = null;
      }
    });
  }

  function renderAttendance() {
    const people = store.participants;
    const list = Object.keys(people)
      .map(function (id) { return people[id]; })
      .sort(function (a, b) { return a.id - b.id; });
    syncChildren($("attendance-body"), list.map(function (p, index) {
      return el("tr", { "data-participant": p.id }, [
        el("td", { text: String(index + 1) }),
        el("td", { text: p.name }),
        el("td", { text: p.agency }),
        el("td", { text: p.position || "" }),
        el("td", { text: sectorName(store, p.sector_id) })
      ]);
    }));
    $("attendance-count").textContent = fmt(t.attendance_count, { n: list.length });
  }

  function renderPeople() {
    if (!store.workshop) return;
    fillSelect($("paper-author"), participantOptions(store, nobody));
    renderAttendance();
  }

  return {
    init: function () {
      nobody = $("paper-author").options[0].text;
      $("paper-form").addEventListener("submit", submit);
      $("paper-sector").addEventListener("change", renderParents);
      document.querySelectorAll('input[name="paper-kind"]').forEach(function (radio) {
        radio.addEventListener("change", renderKind);
      });
      renderKind();
    },
    render: function () {
      if (!store.workshop) return;
      renderSectors();
      renderParents();
      renderPeople();
    },
    renderCards: function () {
      if (store.workshop) renderParents();
    },
    renderPeople: renderPeople
  };
}
