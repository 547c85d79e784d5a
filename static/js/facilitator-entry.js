/* Typing in paper cards (card:enter) for people without a phone, and the
 * live attendance list (daftar hadir). */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var Fac = Urai.Fac;
  var t = Fac.t;

  var $ = function (id) { return document.getElementById(id); };
  var draftId = null; // the client_id of the card being typed: kept until it is stored
  var nobody = ""; // the label of "no phone / anonymous paper card", from the page

  function kind() {
    var checked = document.querySelector('input[name="paper-kind"]:checked');
    return checked ? checked.value : "bottleneck";
  }

  function renderSectors() {
    var sectors = Fac.store.workshop.sectors;
    Fac.fillSelect($("paper-sector"), sectors.map(function (s) { return { value: String(s.id), label: s.name }; }));
  }

  function renderParents() {
    var sectorId = Fac.int($("paper-sector").value);
    var bottlenecks = Fac.store.list(function (c) {
      return c.kind === "bottleneck" && c.sector_id === sectorId && c.status !== "merged" && c.status !== "deleted";
    });
    var options = bottlenecks.map(function (c) {
      return { value: String(c.id), label: "#" + c.id + " " + Fac.short(c.text, 70) };
    });
    Fac.fillSelect($("paper-parent"), options.length ? options : [{ value: "", label: t.no_bottlenecks }]);
  }

  function renderKind() {
    var solution = kind() === "solution";
    $("paper-parent-field").hidden = !solution;
    $("paper-bottleneck-fields").hidden = solution;
  }

  function payload() {
    var data = { client_id: draftId, kind: kind(), text: $("paper-text").value };
    if (data.kind === "solution") {
      data.parent_id = Fac.int($("paper-parent").value);
    } else {
      data.sector_id = Fac.int($("paper-sector").value);
      data.category = $("paper-category").value || null;
      data.service = $("paper-service").value;
    }
    var author = Fac.int($("paper-author").value);
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
    if (!draftId) draftId = Urai.newId();
    var data = payload();
    var problem = check(data);
    $("paper-ok").textContent = "";
    if (problem) return Fac.showError($("paper-error"), problem);
    Fac.send("card:enter", data, {
      area: $("paper-error"),
      button: event.target.querySelector('button[type="submit"]'),
      ok: function () {
        draftId = null;
        $("paper-text").value = "";
        $("paper-service").value = "";
        $("paper-category").value = "";
        Fac.showOk($("paper-ok"), t.card_added);
        $("paper-text").focus();
      },
      fail: function (error) {
        // Nothing was stored, except perhaps on a lost answer: keep the id for a safe resend.
        if (error && error.code === "conflict") draftId = null;
      }
    });
  }

  /* -- attendance ---------------------------------------------------------------------- */

  function renderAttendance() {
    var people = Fac.store.participants;
    var list = Object.keys(people)
      .map(function (id) { return people[id]; })
      .sort(function (a, b) { return a.id - b.id; });
    var rows = list.map(function (p, index) {
      return el("tr", { "data-participant": p.id }, [
        el("td", { text: String(index + 1) }),
        el("td", { text: p.name }),
        el("td", { text: p.agency }),
        el("td", { text: p.position || "" }),
        el("td", { text: Fac.sectorName(p.sector_id) })
      ]);
    });
    Fac.syncChildren($("attendance-body"), rows);
    $("attendance-count").textContent = Fac.fmt(t.attendance_count, { n: list.length });
  }

  Fac.Entry = {
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
      if (!Fac.store.workshop) return;
      renderSectors();
      renderParents();
      Fac.fillSelect($("paper-author"), Fac.participantOptions(nobody));
      renderAttendance();
    },
    renderCards: function () {
      if (Fac.store.workshop) renderParents();
    },
    renderPeople: function () {
      if (!Fac.store.workshop) return;
      Fac.fillSelect($("paper-author"), Fac.participantOptions(nobody));
      renderAttendance();
    }
  };
})();
