/* The participant's sector board on a phone: read the board live, post
 * bottlenecks and solutions. Posts wait in an outbox kept in localStorage
 * until the server acknowledges them, so a lost connection or a reload
 * loses nothing, and each post keeps the id it was given so it is stored once. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var config = Urai.readJSON("board-config");
  var t = Urai.readJSON("board-strings");

  var state = {
    sectorId: config.sector_id,
    sectors: config.sectors,
    cards: {}, // id -> card
    pendingEls: {}, // client_id -> element of a card not yet acknowledged
    solutionForms: {} // bottleneck id -> its open solution form (kept across redraws)
  };
  var outboxKey = "urai:outbox:" + config.code;
  var sending = {};

  var list = document.getElementById("cards");
  var tabs = document.getElementById("sector-tabs");
  var statusBox = document.getElementById("connection");
  var form = document.getElementById("post-form");
  var textArea = document.getElementById("post-text");
  var counter = document.getElementById("post-count");
  var announcer = document.getElementById("announcer");
  var heading = document.getElementById("board-heading");

  function readOutbox() {
    try {
      var items = JSON.parse(window.localStorage.getItem(outboxKey) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }
  function writeOutbox(items) {
    try {
      window.localStorage.setItem(outboxKey, JSON.stringify(items));
    } catch (e) {
      /* private mode: the outbox still lives in memory for this page */
    }
    memoryOutbox = items;
  }
  var memoryOutbox = readOutbox();

  function sectorName(id) {
    for (var i = 0; i < state.sectors.length; i++) {
      if (state.sectors[i].id === id) return state.sectors[i].name;
    }
    return "";
  }

  function renderTabs() {
    tabs.textContent = "";
    state.sectors.forEach(function (sector) {
      tabs.appendChild(
        el("button", {
          type: "button",
          className: "tab",
          "aria-pressed": sector.id === state.sectorId ? "true" : "false",
          text: sector.name,
          onclick: function () {
            switchSector(sector.id);
          }
        })
      );
    });
    heading.textContent = sectorName(state.sectorId);
  }

  function switchSector(id) {
    if (id === state.sectorId) return;
    state.sectorId = id;
    state.cards = {};
    renderTabs();
    renderAll();
    if (window.history.replaceState) {
      window.history.replaceState(null, "", "?sector=" + id);
    }
    stream.sync(null);
  }

  function authorLine(card) {
    if (!card.author) return null;
    var who = card.author.name + (card.author.agency ? " · " + card.author.agency : "");
    if (card.author.id === config.participant.id) who += " (" + t.you + ")";
    return el("p", { className: "card-author", text: who });
  }

  function solutionItem(card, pending) {
    return el("li", { className: "solution" + (pending ? " pending" : ""), "data-client": card.client_id }, [
      el("p", { className: "card-text", text: card.text }),
      pending ? el("p", { className: "card-status", text: t.sending }) : authorLine(card)
    ]);
  }

  function solutionForm(bottleneckId) {
    if (state.solutionForms[bottleneckId]) return state.solutionForms[bottleneckId];
    var area = el("textarea", {
      name: "text",
      rows: "2",
      maxlength: String(config.limits.text),
      required: true,
      "aria-label": t.solution_label,
      placeholder: t.solution_placeholder
    });
    var error = el("p", { className: "field-error", role: "alert" });
    var box = el("form", { className: "solution-form", hidden: true }, [
      area,
      error,
      el("button", { type: "submit", className: "button", text: t.send_solution })
    ]);
    box.addEventListener("submit", function (ev) {
      ev.preventDefault();
      error.textContent = "";
      var text = area.value.trim();
      if (!text) return;
      queuePost({ kind: "solution", parent_id: bottleneckId, text: text }, error, area);
      area.value = "";
    });
    state.solutionForms[bottleneckId] = box;
    return box;
  }

  function bottleneckEl(card, pending) {
    var solutions = el("ul", { className: "solutions", "data-parent": card.id });
    var children = [
      el("p", { className: "card-text", text: card.text }),
      el("p", { className: "card-meta" }, [
        card.category ? el("span", { className: "badge", title: config.categories[card.category] || "", text: card.category + " " + (config.categories[card.category] || "") }) : null,
        card.service ? el("span", { className: "service", text: card.service }) : null
      ]),
      pending ? el("p", { className: "card-status", text: t.sending }) : authorLine(card),
      solutions
    ];
    if (!pending) {
      var formBox = solutionForm(card.id);
      var toggle = el("button", {
        type: "button",
        className: "button secondary",
        "aria-expanded": formBox.hidden ? "false" : "true",
        text: t.propose_solution,
        onclick: function () {
          formBox.hidden = !formBox.hidden;
          toggle.setAttribute("aria-expanded", formBox.hidden ? "false" : "true");
          if (!formBox.hidden) formBox.querySelector("textarea").focus();
        }
      });
      children.push(toggle, formBox);
    }
    return el("article", {
      className: "card" + (pending ? " pending" : ""),
      id: pending ? null : "card-" + card.id,
      "data-client": card.client_id
    }, children);
  }

  function placeCard(card) {
    if (card.sector_id !== state.sectorId) return;
    var pendingEl = state.pendingEls[card.client_id];
    if (card.kind === "bottleneck") {
      if (document.getElementById("card-" + card.id)) return;
      var node = bottleneckEl(card, false);
      if (pendingEl && pendingEl.parentNode) pendingEl.parentNode.replaceChild(node, pendingEl);
      else list.insertBefore(node, list.firstChild);
      var solutions = node.querySelector(".solutions");
      Object.keys(state.cards).forEach(function (id) {
        var other = state.cards[id];
        if (other.parent_id === card.id) solutions.appendChild(solutionItem(other, false));
      });
    } else {
      var parentList = list.querySelector('.solutions[data-parent="' + card.parent_id + '"]');
      if (!parentList || parentList.querySelector('[data-client="' + card.client_id + '"]:not(.pending)')) return;
      var item = solutionItem(card, false);
      if (pendingEl && pendingEl.parentNode) pendingEl.parentNode.replaceChild(item, pendingEl);
      else parentList.appendChild(item);
    }
    delete state.pendingEls[card.client_id];
    updateEmpty();
  }

  function renderAll() {
    list.textContent = "";
    state.pendingEls = {};
    var ids = Object.keys(state.cards).map(Number).sort(function (a, b) { return a - b; });
    ids.forEach(function (id) {
      var card = state.cards[id];
      if (card.kind === "bottleneck") placeCard(card);
    });
    ids.forEach(function (id) {
      var card = state.cards[id];
      if (card.kind === "solution") placeCard(card);
    });
    memoryOutbox.forEach(showPending);
    updateEmpty();
  }

  function updateEmpty() {
    document.getElementById("empty").hidden = list.children.length > 0;
  }

  function showPending(item) {
    if (state.pendingEls[item.client_id]) return;
    if (item.kind === "bottleneck") {
      if (item.sector_id !== state.sectorId) return;
      var node = bottleneckEl(item, true);
      list.insertBefore(node, list.firstChild);
      state.pendingEls[item.client_id] = node;
    } else {
      var parentList = list.querySelector('.solutions[data-parent="' + item.parent_id + '"]');
      if (!parentList) return;
      var li = solutionItem(item, true);
      parentList.appendChild(li);
      state.pendingEls[item.client_id] = li;
    }
    updateEmpty();
  }

  function queuePost(payload, errorEl, restoreTo) {
    payload.client_id = Urai.newId();
    if (payload.kind === "bottleneck") payload.sector_id = state.sectorId;
    var items = memoryOutbox.concat([payload]);
    writeOutbox(items);
    showPending(payload);
    flush(errorEl, restoreTo);
  }

  /* Send every queued post; each keeps its id, so a resend is stored once. */
  function flush(errorEl, restoreTo) {
    if (!stream.socket.connected) return;
    memoryOutbox.forEach(function (item) {
      if (sending[item.client_id]) return;
      sending[item.client_id] = true;
      stream.emit("card:post", item, 10000, function (err, reply) {
        delete sending[item.client_id];
        if (err) return; /* no answer: it stays queued and goes again on reconnect */
        writeOutbox(memoryOutbox.filter(function (other) { return other.client_id !== item.client_id; }));
        if (reply.ok) {
          state.cards[reply.card.id] = reply.card;
          placeCard(reply.card);
          return;
        }
        var pendingEl = state.pendingEls[item.client_id];
        if (pendingEl && pendingEl.parentNode) pendingEl.parentNode.removeChild(pendingEl);
        delete state.pendingEls[item.client_id];
        updateEmpty();
        var message = reply.error ? reply.error.message : t.failed;
        if (errorEl) errorEl.textContent = message;
        else say(message);
        if (restoreTo && !restoreTo.value) restoreTo.value = item.text;
      });
    });
  }

  function say(message) {
    announcer.textContent = message;
  }

  function setStatus(status, detail) {
    statusBox.className = "connection " + status;
    if (status === "online") statusBox.textContent = t.online;
    else if (status === "refused") {
      statusBox.textContent = (detail && detail.message) || t.refused;
    } else if (status === "error") statusBox.textContent = (detail && detail.message) || t.failed;
    else statusBox.textContent = t.offline;
  }

  var stream = new Urai.Stream({
    code: config.code,
    sectorId: function () {
      return state.sectorId;
    },
    onStatus: setStatus,
    onSnapshot: function (snapshot) {
      state.sectors = snapshot.workshop.sectors;
      state.cards = {};
      snapshot.cards.forEach(function (card) {
        state.cards[card.id] = card;
      });
      renderTabs();
      renderAll();
    },
    onEvent: function (message) {
      if (message.type === "card.created") {
        var card = message.data;
        if (card.sector_id !== state.sectorId || state.cards[card.id]) return;
        state.cards[card.id] = card;
        placeCard(card);
        if (!card.author || card.author.id !== config.participant.id) {
          say(t.new_card + ": " + card.text);
        }
      } else if (message.type === "workshop.updated") {
        state.sectors = message.data.sectors;
        var stillThere = state.sectors.some(function (s) { return s.id === state.sectorId; });
        if (!stillThere && state.sectors.length) switchSector(state.sectors[0].id);
        else renderTabs();
      }
    },
    onSynced: function () {
      flush();
    }
  });

  textArea.addEventListener("input", function () {
    counter.textContent = textArea.value.length + " / " + config.limits.text;
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var error = document.getElementById("post-error");
    error.textContent = "";
    var text = textArea.value.trim();
    if (!text) {
      error.textContent = t.required;
      return;
    }
    queuePost(
      {
        kind: "bottleneck",
        text: text,
        category: form.elements.category.value || null,
        service: form.elements.service.value.trim() || null
      },
      error,
      textArea
    );
    form.reset();
    counter.textContent = "0 / " + config.limits.text;
  });

  renderTabs();
  renderAll();
})();
