/* The participant's sector board on a phone, rendered from an Urai.Store.
 *
 * Shows the current phase, its prompt and timer; lets the participant post
 * bottlenecks and solutions when the phase allows it, vote with their dots,
 * and score their own sector's bottlenecks (USG, APKL).
 *
 * Posts wait in an outbox kept in localStorage until the server acknowledges
 * them, so a lost connection or a reload loses nothing, and each post keeps the
 * id it was given so that a resend is stored once.
 *
 * Rendering is keyed: every card keeps its element, and only what changed is
 * written, so an open solution form or a focused select survives updates. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var config = Urai.readJSON("board-config");
  var t = Urai.readJSON("board-strings");
  var me = config.participant || {};
  var ownSector = me.sector_id !== undefined && me.sector_id !== null ? me.sector_id : config.sector_id;
  var APKL = ["actual", "problematic", "public", "feasible"];

  var store = new Urai.Store();
  var state = { sectorId: config.sector_id, tabsKey: "", allowedKey: "", renderQueued: false };
  var views = {}; // card id -> view of a bottleneck or a solution
  var clusterViews = {}; // cluster id -> {el, title, list}
  var pendingViews = {}; // client_id -> element of a post not yet acknowledged
  var outboxKey = "urai:outbox:" + config.code;
  var sending = {};

  function byId(id) {
    return document.getElementById(id);
  }
  var dom = {
    banner: byId("phase-banner"),
    phaseName: byId("phase-name"),
    prompt: byId("phase-prompt"),
    timerBox: byId("phase-timer-box"),
    timer: byId("phase-timer"),
    timerNote: byId("phase-timer-note"),
    phaseClosed: byId("phase-closed"),
    votesLeft: byId("votes-left"),
    status: byId("connection"),
    tabs: byId("sector-tabs"),
    heading: byId("board-heading"),
    postClosed: byId("post-closed"),
    form: byId("post-form"),
    fields: byId("post-fields"),
    textArea: byId("post-text"),
    counter: byId("post-count"),
    postError: byId("post-error"),
    concealed: byId("concealed-note"),
    solutionsClosed: byId("solutions-closed"),
    scoringNote: byId("scoring-note"),
    empty: byId("empty"),
    list: byId("cards"),
    announcer: byId("announcer")
  };
  var pendingBox = el("div", { className: "pending-cards" });
  var looseTitle = el("h2", { className: "cluster-title", hidden: true });
  var looseList = el("div", { className: "cluster-cards" });
  var looseBox = el("section", { className: "cluster ungrouped" }, [looseTitle, looseList]);

  /* -- small DOM helpers: write only what changed ----------------------------- */

  function setText(node, text) {
    text = text === null || text === undefined ? "" : String(text);
    if (node.textContent !== text) node.textContent = text;
  }
  function show(node, visible) {
    if (node.hidden === !!visible) node.hidden = !visible;
  }
  function setAttr(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
  /* Make `parent`'s element children exactly `nodes`, moving only what is out of place. */
  function syncChildren(parent, nodes) {
    for (var i = 0; i < nodes.length; i++) {
      if (parent.children[i] !== nodes[i]) parent.insertBefore(nodes[i], parent.children[i] || null);
    }
    while (parent.children.length > nodes.length) parent.removeChild(parent.lastElementChild);
  }
  function say(message) {
    dom.announcer.textContent = message;
  }

  /* -- the outbox --------------------------------------------------------------- */

  function readOutbox() {
    try {
      var items = JSON.parse(window.localStorage.getItem(outboxKey) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }
  var memoryOutbox = readOutbox();
  function writeOutbox(items) {
    try {
      window.localStorage.setItem(outboxKey, JSON.stringify(items));
    } catch (e) {
      /* private mode: the outbox still lives in memory for this page */
    }
    memoryOutbox = items;
  }

  function queuePost(payload, errorEl, restoreTo) {
    payload.client_id = Urai.newId();
    if (payload.kind === "bottleneck") payload.sector_id = state.sectorId;
    writeOutbox(memoryOutbox.concat([payload]));
    scheduleRender();
    flush(errorEl, restoreTo);
  }

  /* Errors after which a post stays queued and is sent again later. */
  var KEEP_QUEUED = ["internal", "rate_limited", "unauthenticated"];

  /* Send every queued post; each keeps its id, so a resend is stored once. */
  function flush(errorEl, restoreTo) {
    if (!stream.socket.connected) return;
    memoryOutbox.forEach(function (item) {
      if (sending[item.client_id]) return;
      sending[item.client_id] = true;
      stream.emit("card:post", item, 10000, function (err, reply) {
        delete sending[item.client_id];
        if (err || !reply) return; /* no answer: it stays queued and goes again soon */
        var code = reply.ok ? null : reply.error && reply.error.code;
        if (code && KEEP_QUEUED.indexOf(code) !== -1) return; /* the server could not take it now */
        if (code === "conflict") {
          /* The id clashed with someone else's post: same text, a fresh id. */
          item.client_id = Urai.newId();
          writeOutbox(memoryOutbox.slice());
          scheduleRender();
          return;
        }
        writeOutbox(memoryOutbox.filter(function (other) { return other.client_id !== item.client_id; }));
        if (reply.ok) {
          var status = reply.card.status;
          if (status === "visible" || status === "pending") store.apply({ type: "card.created", data: reply.card });
          scheduleRender();
          return;
        }
        scheduleRender();
        var message = reply.error ? reply.error.message : t.failed;
        if (errorEl) errorEl.textContent = message;
        else say(message);
        if (restoreTo && !restoreTo.value) restoreTo.value = item.text;
      });
    });
  }

  /* -- what the participant may do now ------------------------------------------ */

  function sectors() {
    return store.workshop ? store.workshop.sectors : config.sectors;
  }
  function sectorName(id) {
    var list = sectors();
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].name;
    return "";
  }
  function isMine(card) {
    return !!(card.author && card.author.id === me.id);
  }

  function context() {
    var allowed = store.allowed(state.sectorId);
    var w = store.workshop;
    return {
      allowed: allowed,
      tallies: !!(w && w.settings.votes_revealed),
      scoring: allowed.scoring && state.sectorId === ownSector,
      myVotes: store.myVotes
    };
  }

  /* Why posting is closed now ("" when it is open). */
  function lockReason() {
    var w = store.workshop;
    var sector = store.sector(state.sectorId);
    if (w.settings.locked) return t.locked_all;
    if (sector && sector.locked) return t.locked_board;
    return t.time_up_locked;
  }
  function closedReason(kind, allowed) {
    if (!store.workshop || allowed[kind]) return "";
    if (allowed.locked) return lockReason();
    return kind === "bottlenecks" ? t.phase_no_bottlenecks : t.phase_no_solutions;
  }

  /* -- banner, tabs, notes ------------------------------------------------------- */

  function renderTimer() {
    var w = store.workshop;
    var left = store.timerLeft();
    show(dom.timerBox, left !== null);
    var up = left === 0;
    var paused = left !== null && !w.timer.running && !up;
    if (left !== null) setText(dom.timer, Urai.formatSeconds(left));
    dom.timerBox.classList.toggle("paused", paused);
    dom.timerBox.classList.toggle("ended", up);
    setText(dom.timerNote, paused ? t.paused : "");
    setText(dom.phaseClosed, up ? (w.timer.lock ? t.time_up_locked : t.time_up) : "");
  }

  function renderVotesLeft(ctx) {
    var kind = ctx.allowed.voteOn;
    var mine = ctx.myVotes;
    show(dom.votesLeft, !!(kind && mine));
    if (!kind || !mine) return;
    var n = mine.left[kind] || 0;
    setText(dom.votesLeft, n === 0 ? t.votes_none : n === 1 ? t.vote_left_one : t.votes_left.replace("{n}", n));
  }

  function renderBanner(ctx) {
    if (!store.workshop) return;
    var phase = store.phase();
    setText(dom.phaseName, phase ? phase.name : "");
    show(dom.phaseName, !!phase);
    setText(dom.prompt, phase ? phase.prompt : "");
    show(dom.prompt, !!(phase && phase.prompt));
    renderTimer();
    renderVotesLeft(ctx);
    show(dom.banner, !!phase || !dom.timerBox.hidden || !dom.votesLeft.hidden);
  }

  function renderTabs() {
    var list = sectors();
    var key = list.map(function (s) { return s.id + ":" + s.name; }).join("|");
    if (key !== state.tabsKey) {
      state.tabsKey = key;
      syncChildren(dom.tabs, list.map(function (sector) {
        return el("button", {
          type: "button",
          className: "tab" + (sector.id === ownSector ? " own" : ""),
          "data-sector": sector.id,
          text: sector.name,
          onclick: function () { switchSector(sector.id); }
        });
      }));
    }
    Array.prototype.forEach.call(dom.tabs.children, function (tab) {
      setAttr(tab, "aria-pressed", Number(tab.getAttribute("data-sector")) === state.sectorId ? "true" : "false");
    });
    setText(dom.heading, sectorName(state.sectorId));
  }

  function renderNotes(ctx) {
    if (!store.workshop) return;
    var postReason = closedReason("bottlenecks", ctx.allowed);
    setText(dom.postClosed, postReason === dom.phaseClosed.textContent ? "" : postReason);
    dom.fields.disabled = !!postReason;
    show(dom.form, !postReason || dom.textArea.value.trim() !== "");
    var solutionReason = closedReason("solutions", ctx.allowed);
    var repeated = solutionReason === postReason || solutionReason === dom.phaseClosed.textContent;
    setText(dom.solutionsClosed, repeated ? "" : solutionReason);
    setText(dom.concealed, store.workshop.settings.concealed ? t.concealed : "");
    var elsewhere = ctx.allowed.scoring && state.sectorId !== ownSector;
    setText(dom.scoringNote, elsewhere ? t.scoring_elsewhere.replace("{sector}", sectorName(ownSector)) : "");
  }

  /* -- pieces of a card ---------------------------------------------------------- */

  function byline(card) {
    if (!card.author) return "";
    var who = card.author.name + (card.author.agency ? " · " + card.author.agency : "");
    return isMine(card) ? who + " (" + t.you + ")" : who;
  }

  function metaChildren(card) {
    var label = config.categories[card.category] || "";
    return [
      card.category ? el("span", { className: "badge", title: label, text: card.category + " " + label }) : null,
      card.service ? el("span", { className: "service", text: card.service }) : null
    ];
  }

  function renderMeta(view, card) {
    var key = (card.category || "") + "|" + (card.service || "");
    if (view.metaKey === key) return;
    view.metaKey = key;
    view.meta.textContent = "";
    metaChildren(card).forEach(function (child) { if (child) view.meta.appendChild(child); });
  }

  /* "Vote" and "Take back" with the participant's own dots on the card. */
  function voteControl(cardId) {
    var busy = false;
    var count = el("strong", { className: "my-votes-count", text: "0" });
    var error = el("p", { className: "field-error vote-error", role: "alert" });
    var about = "text-" + cardId;
    var add = el("button", { type: "button", className: "button vote-add", "aria-describedby": about, onclick: function () { send("vote:cast"); } }, [
      el("span", { "aria-hidden": "true", text: "+ " }),
      t.vote
    ]);
    var back = el("button", { type: "button", className: "button secondary vote-remove", "aria-describedby": about, onclick: function () { send("vote:retract"); } }, [
      el("span", { "aria-hidden": "true", text: "− " }),
      t.take_back
    ]);
    var box = el("div", { className: "vote-row", hidden: true }, [
      add,
      el("span", { className: "my-votes" }, [t.my_votes + " ", count]),
      back,
      error
    ]);

    function send(event) {
      if (busy) return;
      busy = true;
      box.setAttribute("aria-busy", "true");
      error.textContent = "";
      stream.emit(event, { card_id: cardId }, 10000, function (err, reply) {
        busy = false;
        box.removeAttribute("aria-busy");
        if (err || !reply) {
          error.textContent = t.vote_failed;
        } else if (!reply.ok) {
          error.textContent = reply.error.message;
        } else {
          store.myVotes = reply.my_votes;
          scheduleRender();
        }
      });
    }

    function update(card, ctx) {
      var on = ctx.allowed.voteOn === card.kind && card.status === "visible" && !!ctx.myVotes;
      show(box, on);
      if (!on) return 0;
      var n = ctx.myVotes.cards[String(card.id)] || 0;
      var cap = ctx.myVotes.cap;
      setText(count, n);
      add.disabled = (ctx.myVotes.left[card.kind] || 0) <= 0 || (cap !== null && cap !== undefined && n >= cap);
      back.disabled = n <= 0;
      return n;
    }

    return { el: box, update: update };
  }

  function renderTally(view, card, ctx, voting) {
    var known = ctx.tallies && typeof card.votes === "number";
    var words = card.votes === 1 ? t.tally_one : t.tally.replace("{n}", card.votes);
    setText(view.tally, known && (voting || card.votes > 0) ? words : "");
  }

  /* The compact USG form: three selects 1-5 and the four APKL checks. */
  function usgForm(cardId) {
    var selects = {};
    var boxes = {};
    var total = el("strong", { className: "usg-total-value", text: "–" });
    var status = el("p", { className: "usg-status", role: "status" });

    function save(patch) {
      patch.card_id = cardId;
      status.textContent = t.saving;
      stream.emit("card:assess", patch, 10000, function (err, reply) {
        var card = store.cards[cardId];
        if (err || !reply || !reply.ok) {
          status.textContent = reply && reply.error ? reply.error.message : t.failed;
          if (card) update(card, true);
          return;
        }
        status.textContent = t.saved;
        if (card) store.apply({ type: "card.updated", data: { id: cardId, assessment: reply.card.assessment } });
      });
    }

    function scoreField(key, label) {
      var id = "usg-" + key + "-" + cardId;
      var options = [el("option", { value: "", text: "–" })];
      for (var n = 1; n <= 5; n++) options.push(el("option", { value: String(n), text: String(n) }));
      var select = el("select", { id: id, name: key, className: "usg-" + key, "aria-describedby": "text-" + cardId }, options);
      select.addEventListener("change", function () {
        var patch = {};
        patch[key] = select.value ? Number(select.value) : null;
        save(patch);
      });
      selects[key] = select;
      return el("div", { className: "usg-field" }, [el("label", { for: id, text: label }), select]);
    }

    function check(name) {
      var box = el("input", { type: "checkbox", name: name, className: "apkl-" + name });
      box.addEventListener("change", function () {
        var apkl = {};
        apkl[name] = box.checked;
        save({ apkl: apkl });
      });
      boxes[name] = box;
      return el("label", { className: "choice" }, [box, el("span", { text: t[name] })]);
    }

    var root = el("fieldset", { className: "usg" }, [
      el("legend", { text: t.usg }),
      el("div", { className: "usg-scores" }, [
        scoreField("u", t.urgency),
        scoreField("s", t.seriousness),
        scoreField("g", t.growth)
      ]),
      el("p", { className: "usg-total" }, [t.total + " ", total]),
      el("fieldset", { className: "apkl" }, [el("legend", { text: t.apkl }), el("div", { className: "apkl-checks" }, APKL.map(check))]),
      status
    ]);

    /* Show the stored scores; a control the participant is using keeps its value. */
    function update(card, force) {
      var a = card.assessment || {};
      ["u", "s", "g"].forEach(function (key) {
        var value = a[key] === null || a[key] === undefined ? "" : String(a[key]);
        if ((force || document.activeElement !== selects[key]) && selects[key].value !== value) selects[key].value = value;
      });
      APKL.forEach(function (name) {
        var checked = !!(a.apkl && a.apkl[name]);
        if (boxes[name].checked !== checked) boxes[name].checked = checked;
      });
      setText(total, a.total === null || a.total === undefined ? "–" : a.total);
    }

    return { el: root, update: update };
  }

  /* The solution form under a bottleneck; it lives as long as the card's view. */
  function solutionForm(bottleneckId) {
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
    return box;
  }

  /* -- card views ---------------------------------------------------------------- */

  function bottleneckView(id) {
    var view = {
      text: el("p", { className: "card-text", id: "text-" + id }),
      meta: el("p", { className: "card-meta" }),
      author: el("p", { className: "card-author" }),
      status: el("p", { className: "card-status" }),
      tally: el("p", { className: "vote-tally" }),
      votes: voteControl(id),
      usg: null,
      solutions: el("ul", { className: "solutions", "data-parent": id }),
      form: solutionForm(id),
      metaKey: null
    };
    view.toggle = el("button", {
      type: "button",
      className: "button secondary propose",
      "aria-expanded": "false",
      "aria-describedby": "text-" + id,
      text: t.propose_solution,
      onclick: function () {
        view.form.hidden = !view.form.hidden;
        view.toggle.setAttribute("aria-expanded", view.form.hidden ? "false" : "true");
        if (!view.form.hidden) view.form.querySelector("textarea").focus();
      }
    });
    view.el = el("article", { className: "card", id: "card-" + id, "data-card": id }, [
      view.text, view.meta, view.author, view.status, view.tally, view.votes.el,
      view.solutions, view.toggle, view.form
    ]);
    return view;
  }

  function solutionView(id) {
    var view = {
      text: el("p", { className: "card-text", id: "text-" + id }),
      author: el("p", { className: "card-author" }),
      status: el("p", { className: "card-status" }),
      tally: el("p", { className: "vote-tally" }),
      votes: voteControl(id)
    };
    view.el = el("li", { className: "solution", id: "card-" + id, "data-card": id }, [
      view.text, view.author, view.status, view.tally, view.votes.el
    ]);
    return view;
  }

  function updateCommon(view, card, ctx) {
    setAttr(view.el, "data-client", card.client_id || "");
    setText(view.text, card.text);
    setText(view.author, byline(card));
    // Own cards say where they stand: waiting for approval, or safely stored.
    setText(view.status, card.status === "pending" ? t.awaiting : isMine(card) ? t.saved : "");
    view.el.classList.toggle("awaiting", card.status === "pending");
    view.el.classList.toggle("mine", isMine(card));
    var mineDots = view.votes.update(card, ctx);
    view.el.classList.toggle("voted", mineDots > 0);
    renderTally(view, card, ctx, ctx.allowed.voteOn === card.kind);
  }

  function updateScoring(view, card, ctx) {
    var on = ctx.scoring && card.status === "visible";
    if (on && !view.usg) {
      view.usg = usgForm(card.id);
      view.el.insertBefore(view.usg.el, view.solutions);
    }
    if (view.usg) show(view.usg.el, on);
    if (on) view.usg.update(card);
  }

  function updateBottleneck(view, card, ctx) {
    updateCommon(view, card, ctx);
    renderMeta(view, card);
    updateScoring(view, card, ctx);
    var canPropose = ctx.allowed.solutions && card.status === "visible";
    show(view.toggle, canPropose);
    if (!canPropose && !view.form.hidden) {
      view.form.hidden = true;
      view.toggle.setAttribute("aria-expanded", "false");
    }
  }

  /* A post still in the outbox, shown greyed with "Sending…". */
  function pendingView(item) {
    if (pendingViews[item.client_id]) return pendingViews[item.client_id];
    var status = el("p", { className: "card-status", text: t.sending });
    var node = item.kind === "bottleneck"
      ? el("article", { className: "card pending", "data-client": item.client_id }, [
          el("p", { className: "card-text", text: item.text }),
          el("p", { className: "card-meta" }, metaChildren(item)),
          status
        ])
      : el("li", { className: "solution pending", "data-client": item.client_id }, [
          el("p", { className: "card-text", text: item.text }),
          status
        ]);
    pendingViews[item.client_id] = node;
    return node;
  }

  function pendingOf(test, known) {
    return memoryOutbox
      .filter(function (item) { return test(item) && !known[item.client_id]; })
      .map(pendingView);
  }

  function clusterView(cluster) {
    var view = clusterViews[cluster.id];
    if (!view) {
      view = { title: el("h2", { className: "cluster-title" }), list: el("div", { className: "cluster-cards" }) };
      view.el = el("section", { className: "cluster", "data-cluster": cluster.id }, [view.title, view.list]);
      clusterViews[cluster.id] = view;
    }
    setText(view.title, cluster.title);
    return view;
  }

  /* -- the board ------------------------------------------------------------------ */

  function renderSolutions(view, card, ctx, used, known) {
    var nodes = store.solutionsOf(card.id).map(function (solution) {
      used[solution.id] = true;
      var sv = views[solution.id] || (views[solution.id] = solutionView(solution.id));
      updateCommon(sv, solution, ctx);
      return sv.el;
    });
    var waiting = pendingOf(function (item) { return item.kind === "solution" && item.parent_id === card.id; }, known);
    syncChildren(view.solutions, nodes.concat(waiting));
  }

  function renderCards(ctx) {
    var known = {};
    Object.keys(store.cards).forEach(function (id) { known[store.cards[id].client_id] = true; });
    var used = {};
    var clusters = store.clustersOf(state.sectorId);
    var groups = {};
    clusters.forEach(function (c) { groups[c.id] = []; });
    var loose = [];
    var cards = store.bottlenecks(state.sectorId).reverse();
    cards.forEach(function (card) {
      used[card.id] = true;
      var view = views[card.id] || (views[card.id] = bottleneckView(card.id));
      updateBottleneck(view, card, ctx);
      renderSolutions(view, card, ctx, used, known);
      (groups[card.cluster_id] || loose).push(view.el);
    });
    var waiting = pendingOf(function (item) { return item.kind === "bottleneck" && item.sector_id === state.sectorId; }, known);
    syncChildren(pendingBox, waiting);

    var order = [pendingBox];
    var grouped = clusters.filter(function (c) { return groups[c.id].length; });
    grouped.forEach(function (c) {
      var view = clusterView(c);
      syncChildren(view.list, groups[c.id]);
      order.push(view.el);
    });
    setText(looseTitle, t.ungrouped);
    show(looseTitle, grouped.length > 0 && loose.length > 0);
    syncChildren(looseList, loose);
    order.push(looseBox);
    syncChildren(dom.list, order);

    forget(views, used);
    forget(clusterViews, groups);
    var queued = {};
    memoryOutbox.forEach(function (item) { if (!known[item.client_id]) queued[item.client_id] = true; });
    forget(pendingViews, queued);
    show(dom.empty, cards.length === 0 && waiting.length === 0);
  }

  function forget(map, keep) {
    Object.keys(map).forEach(function (key) { if (!keep[key]) delete map[key]; });
  }

  function render() {
    state.renderQueued = false;
    var stillThere = sectors().some(function (s) { return s.id === state.sectorId; });
    if (!stillThere && sectors().length) {
      switchSector(sectors()[0].id);
      return;
    }
    var ctx = context();
    state.allowedKey = JSON.stringify(ctx.allowed);
    renderTabs();
    renderBanner(ctx);
    renderNotes(ctx);
    renderCards(ctx);
  }

  function scheduleRender() {
    if (state.renderQueued) return;
    state.renderQueued = true;
    setTimeout(render, 0);
  }

  function switchSector(id) {
    if (id === state.sectorId) return;
    state.sectorId = id;
    if (window.history.replaceState) window.history.replaceState(null, "", "?sector=" + id);
    scheduleRender();
    stream.sync(null);
  }

  function setStatus(status, detail) {
    dom.status.className = "connection " + status;
    if (status === "online") dom.status.textContent = t.online;
    else if (status === "refused") dom.status.textContent = (detail && detail.message) || t.refused;
    else if (status === "error") dom.status.textContent = (detail && detail.message) || t.failed;
    else dom.status.textContent = t.offline;
  }

  /* New cards by others, and a new phase, are read out by screen readers. */
  function announce(change) {
    if (change.type === "snapshot" || change.type === "workshop.updated") {
      var phase = store.phase();
      var id = phase ? phase.id : null;
      if (state.phaseId !== undefined && id !== state.phaseId && phase) say(phase.name + ". " + (phase.prompt || ""));
      state.phaseId = id;
      return;
    }
    if (change.type !== "card.created") return;
    var card = change.data;
    if (card.sector_id === state.sectorId && !isMine(card)) say(t.new_card + ": " + card.text);
  }

  store.onChange(function (change) {
    announce(change);
    scheduleRender();
  });

  var stream = new Urai.Stream({
    code: config.code,
    sectorId: function () { return state.sectorId; },
    store: store,
    onStatus: setStatus,
    onSynced: function () { flush(); }
  });

  /* The timer counts down between broadcasts; when it runs out, what is allowed changes. */
  var ticks = 0;
  setInterval(function () {
    ticks += 1;
    if (ticks % 5 === 0 && memoryOutbox.length) flush(); /* retry unanswered posts */
    if (!store.workshop) return;
    renderTimer();
    if (JSON.stringify(store.allowed(state.sectorId)) !== state.allowedKey) scheduleRender();
  }, 1000);

  /* -- the draft: what is typed survives a reload or a dead battery's warning -- */

  var draftKey = "urai:draft:" + config.code;
  function saveDraft() {
    try {
      window.localStorage.setItem(draftKey, JSON.stringify({
        text: dom.textArea.value,
        category: dom.form.elements.category.value,
        service: dom.form.elements.service.value
      }));
    } catch (e) {
      /* private mode: nothing to keep */
    }
  }
  function restoreDraft() {
    var draft = null;
    try {
      draft = JSON.parse(window.localStorage.getItem(draftKey) || "null");
    } catch (e) {
      draft = null;
    }
    if (!draft || typeof draft.text !== "string") return;
    dom.textArea.value = draft.text;
    dom.form.elements.category.value = draft.category || "";
    dom.form.elements.service.value = draft.service || "";
    dom.counter.textContent = dom.textArea.value.length + " / " + config.limits.text;
  }
  restoreDraft();
  dom.form.addEventListener("change", saveDraft);

  dom.textArea.addEventListener("input", function () {
    dom.counter.textContent = dom.textArea.value.length + " / " + config.limits.text;
    saveDraft();
  });
  dom.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    dom.postError.textContent = "";
    var text = dom.textArea.value.trim();
    if (!text) {
      dom.postError.textContent = t.required;
      return;
    }
    queuePost(
      {
        kind: "bottleneck",
        text: text,
        category: dom.form.elements.category.value || null,
        service: dom.form.elements.service.value.trim() || null
      },
      dom.postError,
      dom.textArea
    );
    dom.form.reset();
    saveDraft();
    dom.counter.textContent = "0 / " + config.limits.text;
  });

  render();
})();
