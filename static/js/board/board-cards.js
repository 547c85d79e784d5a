/* The cards of the phone board, rendered from the store and the outbox.
 * Rendering is keyed: every card keeps its element, and only what changed is
 * written, so an open solution form or a focused select survives updates. */

import { el, setText, show, setAttr, syncChildren, prune } from "../shared/dom.js";
import { createCard, renderCard, byline, isMine, answersText } from "../shared/cards.js";
import { may, votingOn } from "../shared/rules.js";
import { voteControl, usgForm, solutionForm } from "./board-controls.js";
import { causesSection } from "./board-causes.js";

export function createCardList(ctx, list, empty) {
  const t = ctx.t;
  const store = ctx.store;
  const meId = ctx.viewer.participant ? ctx.viewer.participant.id : null;
  const views = {}; // card id -> view of a bottleneck or a solution
  const clusterViews = {}; // cluster id -> {el, title, list}
  const pendingViews = {}; // client_id -> element of a post not yet acknowledged
  const pendingBox = el("div", { className: "pending-cards" });
  const looseTitle = el("h2", { className: "cluster-title", hidden: true });
  const looseList = el("div", { className: "cluster-cards" });
  const looseBox = el("section", { className: "cluster ungrouped" }, [looseTitle, looseList]);

  function face(card) {
    return {
      categories: ctx.rules.categories,
      labelled: true,
      author: byline(card, { meId: meId, you: t.you }),
      answers: answersText(card, ctx.store.cards, t.answers)
    };
  }

  function common(view, id) {
    view.status = el("p", { className: "card-status" });
    view.tally = el("p", { className: "vote-tally" });
    view.votes = voteControl(ctx, id);
    view.el.append(view.status, view.tally, view.votes.el);
    return view;
  }

  function bottleneckView(id) {
    const view = common(createCard("article", { className: "card", id: "card-" + id, "data-card": id }, "text-" + id), id);
    view.usg = null;
    view.solutions = el("ul", { className: "solutions", "data-parent": id });
    view.form = solutionForm(ctx, id);
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
    view.el.append(view.solutions, view.toggle, view.form);
    return view;
  }

  function solutionView(id) {
    return common(createCard("li", { className: "solution", id: "card-" + id, "data-card": id }, "text-" + id), id);
  }

  function updateCommon(view, card) {
    renderCard(view, card, face(card));
    setAttr(view.el, "data-client", card.client_id || "");
    const mine = isMine(card, meId);
    // Own cards say where they stand: waiting for approval, or safely stored.
    setText(view.status, card.status === "pending" ? t.awaiting : mine ? t.saved : "");
    view.el.classList.toggle("awaiting", card.status === "pending");
    view.el.classList.toggle("mine", mine);
    view.el.classList.toggle("voted", view.votes.update(card) > 0);
    const w = store.workshop;
    const known = !!(w && w.settings.votes_revealed) && typeof card.votes === "number";
    const voting = votingOn(store) === card.kind;
    const words = card.votes === 1 ? t.tally_one : t.tally.replace("{n}", card.votes);
    setText(view.tally, known && (voting || card.votes > 0) ? words : "");
  }

  function updateBottleneck(view, card, known) {
    updateCommon(view, card);
    // An analysed bottleneck shows its fishbone's causes (and takes new ones).
    if (card.analysed && !view.causes) {
      view.causes = causesSection(ctx, card.id);
      view.el.insertBefore(view.causes.el, view.solutions);
    }
    if (view.causes) view.causes.render(card, known);
    const scoring = may(card, "assess", ctx);
    if (scoring && !view.usg) {
      view.usg = usgForm(ctx, card.id);
      view.el.insertBefore(view.usg.el, view.solutions);
    }
    if (view.usg) show(view.usg.el, scoring);
    if (view.usg && !scoring) view.usg.close();
    if (scoring) view.usg.update(card);
    const canPropose = may(card, "solve", ctx);
    show(view.toggle, canPropose);
    if (!canPropose && !view.form.hidden) {
      view.form.hidden = true;
      view.toggle.setAttribute("aria-expanded", "false");
    }
  }

  /* A post still in the outbox, shown greyed with "Sending…". */
  function pendingView(item) {
    if (pendingViews[item.client_id]) return pendingViews[item.client_id];
    const bottleneck = item.kind === "bottleneck";
    const view = createCard(bottleneck ? "article" : "li", { className: (bottleneck ? "card" : "solution") + " pending", "data-client": item.client_id });
    renderCard(view, item, { categories: ctx.rules.categories, labelled: true });
    view.el.appendChild(el("p", { className: "card-status", text: t.sending }));
    return (pendingViews[item.client_id] = view.el);
  }

  function pendingOf(test, known) {
    return ctx.outbox.items().filter(function (item) { return test(item) && !known[item.client_id]; }).map(pendingView);
  }

  function clusterView(cluster) {
    let view = clusterViews[cluster.id];
    if (!view) {
      view = { title: el("h2", { className: "cluster-title" }), list: el("div", { className: "cluster-cards" }) };
      view.el = el("section", { className: "cluster", "data-cluster": cluster.id }, [view.title, view.list]);
      clusterViews[cluster.id] = view;
    }
    setText(view.title, cluster.title);
    return view;
  }

  function renderSolutions(view, card, used, known) {
    const nodes = store.solutionsOf(card.id).map(function (solution) {
      used[solution.id] = true;
      const sv = views[solution.id] || (views[solution.id] = solutionView(solution.id));
      updateCommon(sv, solution);
      return sv.el;
    });
    const waiting = pendingOf(function (item) { return item.kind === "solution" && item.parent_id === card.id; }, known);
    syncChildren(view.solutions, nodes.concat(waiting));
  }

  /* Newest first, grouped by cluster; the posts still on their way on top. */
  function render(sectorId) {
    const known = {};
    Object.keys(store.cards).forEach(function (id) { known[store.cards[id].client_id] = true; });
    const used = {};
    const cards = store.bottlenecks(sectorId).reverse();
    const viewOf = {};
    cards.forEach(function (card) {
      used[card.id] = true;
      const view = views[card.id] || (views[card.id] = bottleneckView(card.id));
      updateBottleneck(view, card, known);
      renderSolutions(view, card, used, known);
      viewOf[card.id] = view.el;
    });
    const waiting = pendingOf(function (item) { return item.kind === "bottleneck" && item.sector_id === sectorId; }, known);
    syncChildren(pendingBox, waiting);

    const grouped = store.grouped(sectorId, cards);
    const toEl = function (card) { return viewOf[card.id]; };
    const order = [pendingBox];
    const seen = {};
    grouped.groups.forEach(function (group) {
      const view = clusterView(group.cluster);
      seen[group.cluster.id] = true;
      syncChildren(view.list, group.cards.map(toEl));
      order.push(view.el);
    });
    setText(looseTitle, t.ungrouped);
    show(looseTitle, grouped.groups.length > 0 && grouped.loose.length > 0);
    syncChildren(looseList, grouped.loose.map(toEl));
    order.push(looseBox);
    syncChildren(list, order);

    prune(views, function (id) { return used[id]; });
    prune(clusterViews, function (id) { return seen[id]; });
    const queued = {};
    ctx.outbox.items().forEach(function (item) { if (!known[item.client_id]) queued[item.client_id] = true; });
    prune(pendingViews, function (id) { return queued[id]; });
    show(empty, cards.length === 0 && waiting.length === 0);
  }

  return { render: render };
}
