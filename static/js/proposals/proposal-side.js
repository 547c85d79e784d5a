/* Around the section being written: the list of proposals, the solutions the
 * facilitator may promote, the open proposal's title and Word draft, what Urai
 * knows about it (read-only), KIPP's checklist and the weighted self-score. */

import { el, fmt, setText, show, syncChildren } from "../shared/dom.js";

export function createSide(ctx) {
  const t = ctx.t;
  const desk = ctx.desk;
  const byId = function (id) { return document.getElementById(id); };
  const dom = {
    items: byId("proposal-items"),
    empty: byId("proposal-empty"),
    promote: byId("promote-items"),
    promoteEmpty: byId("promote-empty"),
    panel: byId("proposal"),
    title: byId("proposal-title"),
    meta: byId("proposal-meta"),
    draft: byId("proposal-draft"),
    withdraw: byId("proposal-withdraw"),
    facts: byId("facts-list"),
    titleEdit: byId("title-edit"),
    titleInput: byId("title-input"),
    titleSave: byId("title-save"),
    checklist: byId("checklist-items"),
    total: byId("proposal-total"),
    rubricPick: byId("rubric-pick"),
    groupBox: byId("group-box"),
    groupPick: byId("group-pick")
  };
  const boxes = {}; // criterion key -> checkbox
  let factsKey = "";

  function sectorName(id) {
    const sector = ctx.config.sectors.find(function (s) { return s.id === id; });
    return sector ? sector.name : "";
  }

  function renderList() {
    const list = desk.proposals();
    const openId = desk.open ? desk.open.id : null;
    show(dom.empty, list.length === 0);
    syncChildren(dom.items, list.map(function (p) {
      return el("li", { className: "proposal-item" + (p.id === openId ? " current" : "") }, [
        el("button", {
          type: "button",
          className: "button secondary proposal-open",
          "aria-current": p.id === openId ? "true" : null,
          "data-proposal": p.id,
          onclick: function () { ctx.openProposal(p.id); }
        }, [p.title]),
        el("span", { className: "hint", text: sectorName(p.sector_id) + (p.active ? "" : " · " + t.withdrawn) })
      ]);
    }));
  }

  function renderPromote() {
    if (!dom.promote) return;
    const store = ctx.store;
    const promoted = {};
    desk.proposals().forEach(function (p) { if (p.active) promoted[p.solution_id] = p.id; });
    const solutions = store.list(function (c) { return c.kind === "solution" && c.status === "visible"; })
      .sort(function (a, b) { return (b.votes || 0) - (a.votes || 0) || a.id - b.id; });
    show(dom.promoteEmpty, solutions.length === 0);
    syncChildren(dom.promote, solutions.map(function (card) {
      const id = promoted[card.id];
      return el("li", { className: "promote-item", "data-card": card.id }, [
        el("p", { className: "promote-text", text: card.text }),
        el("p", { className: "hint", text: sectorName(card.sector_id) + " · " + fmt(t.votes, { n: card.votes || 0 }) }),
        el("button", {
          type: "button",
          className: "button" + (id ? " secondary" : ""),
          onclick: function () { if (id) ctx.openProposal(id); else ctx.promote(card.id); }
        }, [id ? t.open : t.promote])
      ]);
    }));
  }

  function fact(label, value) {
    return value === null || value === undefined || value === "" ? [] : [el("dt", { text: label }), el("dd", { text: String(value) })];
  }

  function renderFacts(f) {
    const key = JSON.stringify(f);
    if (key === factsKey) return;
    factsKey = key;
    const usg = f.usg && f.usg.total !== null && f.usg.total !== undefined
      ? "U " + f.usg.u + " · S " + f.usg.s + " · G " + f.usg.g + " = " + f.usg.total : null;
    const votes = f.votes ? fmt(t.fact_votes_value, f.votes) : null;
    const nodes = [].concat(
      fact(t.fact_solution, f.solution),
      fact(t.fact_bottleneck, f.bottleneck),
      fact(t.fact_category, f.category),
      fact(t.fact_service, f.service),
      fact(t.fact_root_causes, (f.root_causes || []).join("; ")),
      fact(t.fact_usg, usg),
      fact(t.fact_rank, f.rank),
      fact(t.fact_votes, votes),
      fact(t.fact_agency, f.agency)
    );
    syncChildren(dom.facts, nodes.length ? nodes : [el("dd", { text: t.facts_none })]);
  }

  function renderChecklist(open) {
    const criteria = open.rubric.criteria;
    if (Object.keys(boxes).join() !== criteria.map(function (c) { return c.key; }).join()) {
      Object.keys(boxes).forEach(function (k) { delete boxes[k]; });
      syncChildren(dom.checklist, criteria.map(function (c) {
        const box = el("input", {
          type: "checkbox",
          id: "criterion-" + c.key,
          onchange: function () { ctx.assess({ criterion: c.key, ticked: box.checked }); }
        });
        boxes[c.key] = box;
        return el("div", { className: "criterion" }, [
          box,
          el("label", { for: "criterion-" + c.key }, [el("strong", { text: c.title }), " ", el("span", { className: "hint", text: c.guidance })])
        ]);
      }));
    }
    criteria.forEach(function (c) {
      const box = boxes[c.key];
      box.disabled = !open.editable;
      const ticked = !!(open.checklist || {})[c.key];
      if (box.checked !== ticked) box.checked = ticked;
    });
  }

  function groupTitle(open) {
    const group = (open.rubric.groups || []).find(function (g) { return g.key === open.group; });
    return group ? group.title : "";
  }

  /* The facilitator's choice of the proposal's rubric and, where it has groups, its group. */
  function renderKipp(open) {
    if (!dom.rubricPick) return;
    if (!dom.rubricPick.options.length) {
      syncChildren(dom.rubricPick, ctx.config.proposals.rubrics.map(function (r) {
        return el("option", { value: r.name, text: r.title });
      }));
    }
    if (dom.rubricPick.value !== open.rubric.name) dom.rubricPick.value = open.rubric.name;
    const groups = open.rubric.groups || [];
    show(dom.groupBox, groups.length > 0);
    const keys = [""].concat(groups.map(function (g) { return g.key; }));
    if (Array.from(dom.groupPick.options).map(function (o) { return o.value; }).join() !== keys.join()) {
      syncChildren(dom.groupPick, [el("option", { value: "", text: t.group_none })].concat(
        groups.map(function (g) { return el("option", { value: g.key, text: g.title }); })));
    }
    const value = open.group || "";
    if (dom.groupPick.value !== value) dom.groupPick.value = value;
  }

  function render() {
    renderList();
    renderPromote();
    const open = desk.open;
    show(dom.panel, !!open);
    if (!open) return;
    setText(dom.title, open.title);
    setText(dom.meta, [sectorName(open.sector_id), open.rubric.title, groupTitle(open)]
      .filter(Boolean).join(" · "));
    renderKipp(open);
    show(dom.titleEdit, open.editable);
    if (!dom.titleEdit.open) dom.titleInput.value = open.title;
    dom.draft.href = ctx.config.proposals.draft_url + open.id + ".docx";
    renderFacts(open.facts || {});
    renderChecklist(open);
    setText(dom.total, fmt(t.score_of, { total: open.total }));
  }

  dom.titleSave.addEventListener("click", function () {
    const title = dom.titleInput.value.trim();
    if (desk.open && title) ctx.rename(desk.open.id, title, function () { dom.titleEdit.open = false; });
  });

  if (dom.rubricPick) {
    dom.rubricPick.addEventListener("change", function () { ctx.kipp({ rubric: dom.rubricPick.value }); });
    dom.groupPick.addEventListener("change", function () { ctx.kipp({ group: dom.groupPick.value }); });
  }

  if (dom.withdraw) {
    dom.withdraw.addEventListener("click", function () {
      if (desk.open && window.confirm(t.withdraw_confirm)) ctx.withdraw(desk.open.id);
    });
  }

  return { render: render };
}
