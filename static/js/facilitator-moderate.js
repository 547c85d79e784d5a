/* The "Moderate" panel of one card: approve, hide/show, delete/restore, edit,
 * move, merge, cluster, USG and APKL, votes on someone's behalf, and a
 * solution's action plan. Built when first opened, then kept: a redraw only
 * refreshes its choices, never what the facilitator has typed. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;
  var Fac = Urai.Fac;
  var t = Fac.t;

  var APKL = ["actual", "problematic", "public", "feasible"];
  var PLAN = ["steps", "indicator", "responsible", "timeframe", "resources", "stakeholders"];

  function card(id) {
    return Fac.store.cards[id];
  }

  /* A titled group of controls with its own error area. */
  function group(title, children, className) {
    var area = Fac.errorArea();
    var box = el("fieldset", { className: "fac-group " + (className || "") }, [el("legend", { text: title })].concat(children, [area]));
    return { root: box, area: area };
  }

  /* A form (Enter submits) whose submit button sends `build()`'s payload. */
  function formGroup(title, children, label, submit, className) {
    var button = el("button", { type: "submit", className: "button", text: label });
    var g = group(title, children.concat([button]), className);
    var form = el("form", { className: "fac-form", novalidate: true }, [g.root]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(g.area, button);
    });
    return { root: form, area: g.area };
  }

  /* -- status: approve, hide/show, delete/restore ------------------------------ */

  function statusActions(id, panel) {
    var area = Fac.errorArea();
    function act(action, button) {
      Fac.send("card:status", { card_id: id, action: action }, { area: area, button: button });
    }
    panel.approve = Fac.button(t.approve, "", function () { act("approve", panel.approve); });
    panel.hideShow = Fac.button(t.hide, "secondary", function () {
      act(card(id).status === "hidden" ? "show" : "hide", panel.hideShow);
    });
    panel.deleteRestore = Fac.button(t.delete, "danger", function () {
      act(card(id).status === "deleted" ? "restore" : "delete", panel.deleteRestore);
    });
    panel.mergedNote = el("p", { className: "hint" });
    return el("div", { className: "fac-status-actions" }, [
      el("div", { className: "actions" }, [panel.approve, panel.hideShow, panel.deleteRestore]),
      panel.mergedNote,
      area
    ]);
  }

  function refreshStatus(panel, c) {
    panel.approve.hidden = c.status !== "pending";
    panel.hideShow.hidden = c.status === "deleted" || c.status === "merged";
    panel.hideShow.textContent = c.status === "hidden" ? t.show : t.hide;
    panel.deleteRestore.hidden = c.status === "merged";
    panel.deleteRestore.textContent = c.status === "deleted" ? t.restore : t.delete;
    var target = c.merged_into ? card(c.merged_into) : null;
    panel.mergedNote.textContent = c.status === "merged" && target ? Fac.fmt(t.merged_into, { text: Fac.short(target.text) }) : "";
  }

  /* -- edit ------------------------------------------------------------------------ */

  function categoryOptions() {
    var labels = Fac.config.categories || {};
    return [{ value: "", label: t.no_category }].concat(
      Object.keys(labels).map(function (code) { return { value: code, label: code + " · " + labels[code] }; })
    );
  }

  function editForm(id, panel, kind) {
    panel.text = el("textarea", { rows: 3, maxlength: 500, required: true });
    var fields = [Fac.field(t.text, panel.text)];
    if (kind === "bottleneck") {
      panel.category = Fac.select(categoryOptions());
      panel.service = el("input", { maxlength: 120 });
      fields.push(Fac.field(t.category, panel.category), Fac.field(t.service, panel.service));
    }
    return formGroup(t.edit, fields, t.save_changes, function (area, button) {
      var payload = { card_id: id, text: panel.text.value };
      if (panel.category) {
        payload.category = panel.category.value || null;
        payload.service = panel.service.value;
      }
      Fac.send("card:edit", payload, { area: area, button: button, okText: t.saved });
    }).root;
  }

  function refreshEdit(panel, c) {
    Fac.syncValue(panel.text, c.text);
    if (panel.category) {
      Fac.syncValue(panel.category, c.category || "");
      Fac.syncValue(panel.service, c.service || "");
    }
  }

  /* -- move, merge, cluster ---------------------------------------------------- */

  function chooser(title, select, label, onSend, hint) {
    if (!select.id) select.id = Fac.uid("s");
    var g;
    var button = Fac.button(label, "secondary", function () { onSend(g.area, button); });
    g = group(title, [
      hint ? el("p", { className: "hint", text: hint }) : null,
      el("label", { className: "visually-hidden", for: select.id, text: title }),
      el("div", { className: "fac-inline-row" }, [select, button])
    ]);
    return g.root;
  }

  function moveGroup(id, panel) {
    panel.sector = Fac.select([]);
    return chooser(t.move_to, panel.sector, t.move, function (area, button) {
      Fac.send("card:move", { card_id: id, sector_id: Fac.int(panel.sector.value) }, { area: area, button: button });
    });
  }

  function mergeGroup(id, panel) {
    panel.mergeTarget = Fac.select([]);
    return chooser(t.merge_into, panel.mergeTarget, t.merge, function (area, button) {
      var target = Fac.int(panel.mergeTarget.value);
      if (!target) return Fac.showError(area, t.choose_card_first);
      Fac.send("card:merge", { source_id: id, target_id: target }, { area: area, button: button });
    }, t.merge_hint);
  }

  function clusterGroup(id, panel) {
    panel.cluster = Fac.select([]);
    return chooser(t.cluster, panel.cluster, t.set_cluster, function (area, button) {
      Fac.send("card:cluster", { card_id: id, cluster_id: Fac.int(panel.cluster.value) }, {
        area: area, button: button, okText: t.saved
      });
    });
  }

  function mergeOptions(c) {
    var others = Fac.store.list(function (o) {
      return o.id !== c.id && o.kind === c.kind && o.sector_id === c.sector_id && o.status !== "merged" && o.status !== "deleted";
    });
    var first = others.length ? t.choose_card : t.no_other_cards;
    return [{ value: "", label: first }].concat(others.map(function (o) {
      return { value: String(o.id), label: "#" + o.id + " " + Fac.short(o.text, 50) };
    }));
  }

  function refreshChoices(panel, c) {
    if (panel.sector) {
      var sectors = Fac.store.workshop.sectors;
      Fac.fillSelect(panel.sector, sectors.map(function (s) { return { value: String(s.id), label: s.name }; }));
      Fac.syncValue(panel.sector, c.sector_id);
    }
    Fac.fillSelect(panel.mergeTarget, mergeOptions(c));
    if (panel.cluster) {
      var clusters = Fac.store.clustersOf(c.sector_id);
      Fac.fillSelect(panel.cluster, [{ value: "", label: t.no_cluster }].concat(clusters.map(function (k) {
        return { value: String(k.id), label: k.title };
      })));
      Fac.syncValue(panel.cluster, c.cluster_id || "");
    }
    if (panel.voter) Fac.fillSelect(panel.voter, Fac.participantOptions(t.choose_participant));
  }

  /* -- USG and APKL ------------------------------------------------------------------ */

  function scoreSelect() {
    var options = [{ value: "", label: t.not_scored }];
    for (var n = 1; n <= 5; n++) options.push({ value: String(n), label: String(n) });
    return Fac.select(options);
  }

  function usgForm(id, panel) {
    panel.scores = { u: scoreSelect(), s: scoreSelect(), g: scoreSelect() };
    panel.total = el("output", { className: "fac-usg-total" });
    panel.apkl = {};
    var boxes = APKL.map(function (name) {
      var pair = Fac.checkbox(t[name]);
      pair.box.addEventListener("change", function () { pair.box.uraiTouched = true; });
      panel.apkl[name] = pair.box;
      return pair.label;
    });
    panel.cause = el("textarea", { rows: 2, maxlength: 1000 });
    panel.impact = el("textarea", { rows: 2, maxlength: 1000 });
    var scores = el("div", { className: "fac-usg" }, [
      Fac.field(t.urgency, panel.scores.u),
      Fac.field(t.seriousness, panel.scores.s),
      Fac.field(t.growth, panel.scores.g)
    ]);
    scores.addEventListener("change", function () { showTotal(panel); });
    var apkl = el("fieldset", { className: "fac-apkl" }, [el("legend", { text: t.apkl })].concat(boxes));
    var fields = [scores, panel.total, apkl, Fac.field(t.cause, panel.cause), Fac.field(t.impact, panel.impact)];
    return formGroup(t.usg_score, fields, t.save_score, function (area, button) {
      Fac.send("card:assess", usgPayload(id, panel), { area: area, button: button, okText: t.saved });
    }).root;
  }

  function usgPayload(id, panel) {
    var stored = (card(id).assessment || {}).apkl || {};
    var apkl = {};
    APKL.forEach(function (name) {
      var box = panel.apkl[name];
      // An unticked box the facilitator never touched keeps "not assessed" (null).
      apkl[name] = box.checked ? true : box.uraiTouched || stored[name] === false ? false : null;
    });
    return {
      card_id: id,
      u: Fac.int(panel.scores.u.value),
      s: Fac.int(panel.scores.s.value),
      g: Fac.int(panel.scores.g.value),
      apkl: apkl,
      cause: panel.cause.value,
      impact: panel.impact.value
    };
  }

  function showTotal(panel) {
    var values = ["u", "s", "g"].map(function (k) { return Fac.int(panel.scores[k].value); });
    var done = values.every(function (v) { return v !== null; });
    panel.total.textContent = done ? Fac.fmt(t.total, { n: values[0] + values[1] + values[2] }) : "";
  }

  function refreshUsg(panel, c) {
    var a = c.assessment || { apkl: {} };
    ["u", "s", "g"].forEach(function (k) { Fac.syncValue(panel.scores[k], a[k] || ""); });
    APKL.forEach(function (name) { Fac.syncValue(panel.apkl[name], a.apkl && a.apkl[name] === true); });
    Fac.syncValue(panel.cause, a.cause || "");
    Fac.syncValue(panel.impact, a.impact || "");
    showTotal(panel);
  }

  /* -- votes on someone's behalf ------------------------------------------------- */

  function voteGroup(id, panel) {
    var g;
    panel.voter = Fac.select([]);
    function vote(event, button) {
      var pid = Fac.int(panel.voter.value);
      if (!pid) return Fac.showError(g.area, t.choose_participant_first);
      Fac.send(event, { card_id: id, participant_id: pid }, {
        area: g.area,
        button: button,
        ok: function (reply) { showVotesLeft(g.area, pid, reply.my_votes, card(id).kind); }
      });
    }
    var plus = Fac.button("+", "secondary", function () { vote("vote:cast", plus); }, { "aria-label": t.vote_add });
    var minus = Fac.button("−", "secondary", function () { vote("vote:retract", minus); }, { "aria-label": t.vote_retract });
    var field = Fac.field(t.participant, panel.voter);
    g = group(t.vote_for, [field, el("div", { className: "actions fac-vote-row" }, [plus, minus])]);
    return g.root;
  }

  function showVotesLeft(area, pid, myVotes, kind) {
    var person = Fac.store.participants[pid];
    var left = myVotes && myVotes.left ? myVotes.left[kind] : null;
    if (person && left !== null && left !== undefined) {
      Fac.showOk(area, Fac.fmt(t.votes_left, { name: person.name, n: left }));
    } else {
      Fac.showOk(area, t.saved);
    }
  }

  /* -- a solution's action plan ------------------------------------------------------ */

  function planForm(id, panel) {
    panel.plan = {};
    var fields = PLAN.map(function (name) {
      panel.plan[name] = el("textarea", { rows: 2, maxlength: 1000 });
      return Fac.field(t[name], panel.plan[name]);
    });
    return formGroup(t.plan, fields, t.save_plan, function (area, button) {
      var payload = { card_id: id };
      PLAN.forEach(function (name) { payload[name] = panel.plan[name].value; });
      Fac.send("card:plan", payload, { area: area, button: button, okText: t.saved });
    }).root;
  }

  function refreshPlan(panel, c) {
    var plan = c.plan || {};
    PLAN.forEach(function (name) { Fac.syncValue(panel.plan[name], plan[name] || ""); });
  }

  /* -- the panel ----------------------------------------------------------------------- */

  function buildBody(id, panel) {
    var kind = card(id).kind;
    var parts = [editForm(id, panel, kind)];
    if (kind === "bottleneck") parts.push(moveGroup(id, panel));
    parts.push(mergeGroup(id, panel));
    if (kind === "bottleneck") parts.push(clusterGroup(id, panel), usgForm(id, panel));
    else parts.push(planForm(id, panel));
    parts.push(voteGroup(id, panel));
    panel.rest = el("div", { className: "fac-moderate-rest" }, parts);
    return el("div", { className: "fac-moderate-body" }, [statusActions(id, panel), panel.rest]);
  }

  function refresh(panel) {
    var c = card(panel.id);
    if (!c || !panel.body || !panel.details.open) return;
    refreshStatus(panel, c);
    panel.rest.hidden = c.status === "merged" || c.status === "deleted";
    refreshEdit(panel, c);
    refreshChoices(panel, c);
    if (c.kind === "bottleneck") refreshUsg(panel, c);
    else refreshPlan(panel, c);
  }

  /* A <details> "Moderate" for card `id`; panel.refresh() after every redraw. */
  Fac.moderatePanel = function (id) {
    var panel = { id: id, body: null };
    panel.label = el("span", { className: "visually-hidden" });
    panel.details = el("details", { className: "fac-moderate" }, [
      el("summary", {}, [el("span", { text: t.moderate }), panel.label])
    ]);
    panel.details.addEventListener("toggle", function () {
      if (!panel.details.open) return;
      if (!panel.body) {
        panel.body = buildBody(id, panel);
        panel.details.appendChild(panel.body);
      }
      refresh(panel);
    });
    panel.refresh = function () {
      var c = card(id);
      if (c) panel.label.textContent = ": " + Fac.short(c.text, 40);
      refresh(panel);
    };
    return panel;
  };
})();
