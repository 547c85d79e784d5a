/* The projector page: mounts the live boards and keeps the totals in the header. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var config = Urai.readJSON("present-config");
  var t = Urai.readJSON("present-strings");
  var totalPeople = document.getElementById("total-people");
  var totalCards = document.getElementById("total-cards");
  var status = document.getElementById("connection");

  Urai.mountBoards(document.getElementById("boards"), config, t, {
    showAuthors: false,
    onStatus: function (state) {
      status.className = "connection " + state;
      status.textContent = state === "online" ? "" : t.offline;
    },
    onRender: function (state) {
      totalPeople.textContent = String(state.roster.total || 0);
      totalCards.textContent = String(Object.keys(state.cards).length);
    }
  });
})();
