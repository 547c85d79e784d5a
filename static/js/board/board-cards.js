/* The cards of the phone board, rendered from the store and the outbox.
 * Rendering is keyed: every card keeps its element, and only what changed is
 * written, so an open solution form or a focused select survives updates.
 * After the first render only the cards the store says changed are rendered
 * again (a card posted, a tally), read from the store's indexes: an event
 * costs the same on a board of 300 cards as on one of 3. */

import { el, setText, show, setAttr, syncChildren, prune } from "../shared/dom.js";
import { isShown } from "../shared/store.js";
import { createCard, renderCard, byline, isMine, answersText } from "../shared/cards.js";
import { may, votingOn } from "../shared/rules.js";
import { voteControl, usgForm, solutionForm } from "./board-controls.js";
import { causesSection } from "./board-causes.js";
import { watchChanges } from "./board-changes.js";

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

  /* A solution view, placed under `parentId`. */
  function solutionOf(solution, parentId) {
    const sv = views[solution.id] || (views[solution.id] = solutionView(solution.id));
    sv.parent = parentId;
    updateCommon(sv, solution);
    return sv.el;
  }

  function renderSolutions(view, card, used, known) {
    const nodes = store.solutionsOf(card.id).map(function (solution) {
      if (used) used[solution.id] = true;
      return solutionOf(solution, card.id);
    });
    const waiting = pendingOf(function (item) { return item.kind === "solution" && item.parent_id === card.id; }, known);
    syncChildren(view.solutions, nodes.concat(waiting));
  }

  /* The client_ids of the outbox's posts that the store now holds. */
  function knownPosts() {
    const known = {};
    ctx.outbox.items().forEach(function (item) { if (store.withClient(item.client_id)) known[item.client_id] = true; });
    return known;
  }

  /* The bottleneck a card hangs under (itself for a bottleneck), or null. */
  function rootOf(id) {
    for (let card = store.cards[id], depth = 0; card && depth < 20; card = store.cards[card.parent_id], depth++) {
      if (card.kind === "bottleneck") return card.id;
    }
    return null;
  }

  /* The bottlenecks under which posts are on their way (solutions, causes). */
  function waitingUnder(known) {
    const under = {};
    ctx.outbox.items().forEach(function (item) {
      if (item.kind === "bottleneck" || known[item.client_id]) return;
      const root = rootOf(item.parent_id);
      if (root !== null) under[root] = true;
    });
    return under;
  }

  const changes = watchChanges(store);
  let lastSector = null;
  let lastClosed = null;
  let lastWaiting = {}; // bottleneck id -> true: posts were on their way under it
  let count = 0; // bottlenecks on the board at the last placing

  function render(sectorId) {
    const closed = store.timeUp(); // the clock closes posting: every card's controls
    if (changes.full || sectorId !== lastSector || closed !== lastClosed) renderAll(sectorId);
    else renderChanged(sectorId);
    lastSector = sectorId;
    lastClosed = closed;
    changes.reset();
  }

  /* Newest first, grouped by cluster; the posts still on their way on top. */
  function renderAll(sectorId) {
    const known = knownPosts();
    const used = {};
    const cards = store.bottlenecks(sectorId);
    cards.forEach(function (card) {
      used[card.id] = true;
      const view = views[card.id] || (views[card.id] = bottleneckView(card.id));
      updateBottleneck(view, card, known);
      renderSolutions(view, card, used, known);
    });
    place(sectorId, cards);
    prune(views, function (id) { return used[id]; });
    finish(sectorId, known, waitingUnder(known));
  }

  /* Only the cards that changed: a card posted is one element put in its
   * place, a tally one number written; the board is not walked again. */
  function renderChanged(sectorId) {
    const known = knownPosts();
    const under = waitingUnder(known);
    const again = Object.assign({}, under, lastWaiting); // bottlenecks to render again
    let layout = changes.layout;
    Object.keys(changes.dirty).forEach(function (key) {
      const id = Number(key);
      const card = store.cards[id];
      const view = views[id];
      if (view && view.parent !== undefined) again[view.parent] = true; // where a solution was
      if (view && view.cluster !== undefined) {
        // A bottleneck shown here: gone, moved, or changed cluster?
        if (!card || card.sector_id !== sectorId || !isShown(card) || card.cluster_id !== view.cluster) layout = true;
      }
      if (!card) {
        delete views[id];
        return;
      }
      const root = rootOf(id);
      if (root !== null) again[root] = true;
      if (card.kind === "bottleneck" && card.sector_id === sectorId && isShown(card) && !view) layout = true; // a new one
      if (!isShown(card) && card.kind !== "bottleneck") delete views[id];
    });
    Object.keys(again).forEach(function (key) {
      const card = store.cards[key];
      if (!card || card.kind !== "bottleneck" || card.sector_id !== sectorId || !isShown(card)) return;
      const view = views[card.id] || (views[card.id] = bottleneckView(card.id));
      updateBottleneck(view, card, known);
      renderSolutions(view, card, null, known);
    });
    if (changes.dots) {
      Object.keys(views).forEach(function (id) {
        const card = store.cards[id];
        if (card) views[id].el.classList.toggle("voted", views[id].votes.update(card) > 0);
      });
    }
    if (layout) {
      const cards = store.bottlenecks(sectorId);
      const shown = {};
      cards.forEach(function (card) { shown[card.id] = true; });
      Object.keys(views).forEach(function (id) {
        if (views[id].cluster !== undefined && !shown[id]) delete views[id];
      });
      place(sectorId, cards);
    }
    finish(sectorId, known, under);
  }

  /* The bottlenecks (oldest first) in their places: newest first, by cluster. */
  function place(sectorId, oldestFirst) {
    const cards = oldestFirst.slice().reverse();
    const toEl = function (card) {
      const view = views[card.id];
      view.cluster = card.cluster_id;
      return view.el;
    };
    const grouped = store.grouped(sectorId, cards);
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
    prune(clusterViews, function (id) { return seen[id]; });
    count = cards.length;
  }

  /* The posts on their way: bottlenecks on top, and what is left to prune. */
  function finish(sectorId, known, under) {
    const waiting = pendingOf(function (item) { return item.kind === "bottleneck" && item.sector_id === sectorId; }, known);
    syncChildren(pendingBox, waiting);
    const queued = {};
    ctx.outbox.items().forEach(function (item) { if (!known[item.client_id]) queued[item.client_id] = true; });
    prune(pendingViews, function (id) { return queued[id]; });
    lastWaiting = under;
    show(empty, count === 0 && waiting.length === 0);
  }

  return { render: render };
}
