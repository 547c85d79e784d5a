/* The projector page: the live boards, and a header with the current phase,
 * its prompt, the phase timer counting down, and the totals. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var config = Urai.readJSON("present-config");
  var t = Urai.readJSON("present-strings");

  function byId(id) {
    return document.getElementById(id);
  }
  var dom = {
    phaseBox: byId("phase-now"),
    phaseName: byId("phase-name"),
    prompt: byId("phase-prompt"),
    note: byId("stage-note"),
    timerBox: byId("timer-box"),
    timer: byId("timer"),
    timerNote: byId("timer-note"),
    people: byId("total-people"),
    cards: byId("total-cards"),
    status: byId("connection")
  };

  function setText(node, text) {
    text = text === null || text === undefined ? "" : String(text);
    if (node.textContent !== text) node.textContent = text;
  }
  function show(node, visible) {
    if (node.hidden === !!visible) node.hidden = !visible;
  }

  var view = Urai.mountBoards(byId("boards"), config, t, {
    showAuthors: false,
    onStatus: function (state) {
      dom.status.className = "connection " + state;
      dom.status.textContent = state === "online" ? "" : t.offline;
    },
    onRender: renderHeader
  });
  var store = view.store;

  function renderTimer() {
    var w = store.workshop;
    var left = store.timerLeft();
    show(dom.timerBox, left !== null);
    if (left === null) return;
    var up = left === 0;
    var paused = !w.timer.running && !up;
    setText(dom.timer, Urai.formatSeconds(left));
    dom.timerBox.classList.toggle("paused", paused);
    dom.timerBox.classList.toggle("ended", up);
    dom.timerBox.classList.toggle("last-minute", !up && left <= 60);
    setText(dom.timerNote, paused ? t.paused : up ? (w.timer.lock ? t.time_up_locked : t.time_up) : "");
  }

  /* One line under the prompt about what the room cannot see or do now. */
  function stageNote(w, phase) {
    if (w.settings.concealed) return t.concealed;
    if (phase && phase.vote_on && !w.settings.votes_revealed) return t.votes_hidden;
    if (w.settings.locked) return t.locked_all;
    return "";
  }

  function renderHeader() {
    var w = store.workshop;
    if (!w) return;
    var phase = store.phase();
    setText(dom.phaseName, phase ? phase.name : "");
    setText(dom.prompt, phase ? phase.prompt : "");
    setText(dom.note, stageNote(w, phase));
    show(dom.phaseBox, !!phase || !!dom.note.textContent);
    renderTimer();
    setText(dom.people, store.roster.total || 0);
    var count = 0;
    Object.keys(store.cards).forEach(function (id) {
      var status = store.cards[id].status;
      if (status !== "merged" && status !== "deleted") count += 1;
    });
    setText(dom.cards, count);
  }

  setInterval(function () {
    if (store.workshop) renderTimer();
  }, 1000);
})();
