/* The facilitator's page: the same live boards as the projector, with authors,
 * and a short live note of each new card for screen-reader users. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var config = Urai.readJSON("facilitator-config");
  var t = Urai.readJSON("facilitator-strings");
  var status = document.getElementById("connection");
  var announcer = document.getElementById("announcer");
  var totalPeople = document.getElementById("total-people");

  Urai.mountBoards(document.getElementById("boards"), config, t, {
    showAuthors: true,
    onStatus: function (state) {
      status.className = "connection " + state;
      status.textContent = state === "online" ? t.online : t.offline;
    },
    onRender: function (state) {
      totalPeople.textContent = String(state.roster.total || 0);
    },
    onCard: function (card) {
      announcer.textContent = t.new_card + ": " + card.text;
    }
  });

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) return;
      target.select();
      try {
        document.execCommand("copy");
        button.textContent = t.copied;
      } catch (e) {
        /* the text stays selected for a manual copy */
      }
    });
  });
})();
