/* Typing in paper cards (card:enter) for people without a phone: a
 * bottleneck, a solution under a bottleneck, or a cause under an analysed
 * bottleneck (with its bone) or under a cause (its "why?"); and the live
 * attendance list (daftar hadir). */

import { el, fmt, short, syncChildren } from "../shared/dom.js";
import { newId } from "../shared/outbox.js";
import { may } from "../shared/rules.js";
import { causeTree, allNodes, bonesOf } from "../shared/causes.js";
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

  /* The cards of the chosen board that take a cause now: each analysed
   * bottleneck, then its causes as a tree (indented by level). */
  function renderCauseParents() {
    const sectorId = int($("paper-sector").value);
    const options = [];
    store.list(function (c) { return c.kind === "bottleneck" && c.sector_id === sectorId && may(c, "cause", ctx); }).forEach(function (b) {
      options.push({ value: String(b.id), label: "#" + b.id + " " + short(b.text, 70) });
      allNodes(causeTree(store, b.id)).forEach(function (node) {
        if (!may(node.card, "cause", ctx)) return;
        const indent = new Array(node.level + 1).join("\u00a0\u00a0") + "↳ ";
        options.push({ value: String(node.card.id), label: indent + short(node.card.text, 60) });
      });
    });
    fillSelect($("paper-cause-parent"), options.length ? options : [{ value: "", label: t.no_cause_parents }]);
    fillSelect($("paper-bone"), bonesOf(store).map(function (b) { return { value: b.key, label: b.name }; }));
    renderKind();
  }

  function causeParent() {
    return store.cards[int($("paper-cause-parent").value)] || null;
  }

  function renderKind() {
    const chosen = kind();
    $("paper-parent-field").hidden = chosen !== "solution";
    $("paper-bottleneck-fields").hidden = chosen !== "bottleneck";
    $("paper-cause-field").hidden = chosen !== "cause";
    const parent = causeParent();
    $("paper-bone-field").hidden = chosen !== "cause" || !parent || parent.kind !== "bottleneck";
  }

  function payload() {
    const data = { client_id: draftId, kind: kind(), text: $("paper-text").value };
    if (data.kind === "solution") {
      data.parent_id = int($("paper-parent").value);
    } else if (data.kind === "cause") {
      data.parent_id = int($("paper-cause-parent").value);
      const parent = causeParent();
      if (parent && parent.kind === "bottleneck") data.bone = $("paper-bone").value;
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
    if (data.kind !== "bottleneck" && !data.parent_id) return t.choose_bottleneck;
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
      $("paper-sector").addEventListener("change", function () {
        renderParents();
        renderCauseParents();
      });
      $("paper-cause-parent").addEventListener("change", renderKind);
      document.querySelectorAll('input[name="paper-kind"]').forEach(function (radio) {
        radio.addEventListener("change", renderKind);
      });
      renderKind();
    },
    render: function () {
      if (!store.workshop) return;
      renderSectors();
      renderParents();
      renderCauseParents();
      renderPeople();
    },
    renderCards: function () {
      if (!store.workshop) return;
      renderParents();
      renderCauseParents();
    },
    renderPeople: renderPeople
  };
}
