/* The facilitator's page: one Store kept live by one Stream; every part of the
 * page redraws from the store (facilitator-*.js). Also the copy buttons, the
 * connection state and a short live note of each new card for screen readers. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var Fac = Urai.Fac;
  var t = Fac.t;

  var status = document.getElementById("connection");
  var announcer = document.getElementById("announcer");
  var totalPeople = document.getElementById("total-people");

  function showStatus(state, detail) {
    status.className = "connection " + state;
    if (state === "online") status.textContent = t.online;
    else if (state === "offline") status.textContent = t.offline;
    else status.textContent = (detail && detail.message) || t.refused;
  }

  function renderBoards() {
    Fac.schedule("boards", Fac.Boards.render);
  }

  function renderAll() {
    Fac.keepFocus(function () {
      Fac.Steer.render();
      Fac.Boards.render();
      Fac.Entry.render();
      totalPeople.textContent = String(store.roster.total || 0);
    });
  }

  /* What each broadcast changes on this page. */
  var HANDLERS = {
    snapshot: renderAll,
    "workshop.updated": renderAll,
    "card.created": function (change) {
      announcer.textContent = t.new_card + ": " + change.data.text;
      renderBoards();
      Fac.schedule("parents", Fac.Entry.renderCards);
    },
    "card.updated": function () {
      renderBoards();
      Fac.schedule("parents", Fac.Entry.renderCards);
    },
    "card.removed": renderBoards,
    "votes.updated": renderBoards,
    "cluster.updated": renderBoards,
    "cluster.removed": renderBoards,
    "roster.updated": function () {
      totalPeople.textContent = String(store.roster.total || 0);
      renderBoards();
    },
    "participant.updated": function () {
      Fac.schedule("people", Fac.Entry.renderPeople);
      renderBoards();
    }
  };

  function bindCopyButtons() {
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
  }

  /* Link creation times are written in UTC by the server: show them in local time. */
  function localTimes() {
    document.querySelectorAll("time[data-local-time]").forEach(function (node) {
      var when = new Date(node.getAttribute("datetime"));
      if (!isNaN(when.getTime())) {
        node.textContent = when.toLocaleString(document.documentElement.lang || undefined, {
          dateStyle: "medium",
          timeStyle: "short"
        });
      }
    });
  }

  var store = new Urai.Store();
  Fac.store = store;
  store.onChange(function (change) {
    var handler = HANDLERS[change.type];
    if (handler) handler(change);
  });

  Fac.Steer.init();
  Fac.Boards.init();
  Fac.Entry.init();
  bindCopyButtons();
  localTimes();
  setInterval(Fac.tickTimer, 1000);

  Fac.stream = new Urai.Stream({
    code: Fac.config.code,
    sectorId: function () { return null; },
    store: store,
    onStatus: showStatus
  });
  // The server cut this page off (its link was revoked): it will not reconnect by itself.
  Fac.stream.socket.on("disconnect", function (reason) {
    if (reason === "io server disconnect") showStatus("refused", { message: t.closed });
  });
})();
