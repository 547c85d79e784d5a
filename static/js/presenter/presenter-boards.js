/* Every sector board side by side, live, rendered from the store: the
 * projector's columns. Read-only.
 *
 * What a column shows follows the phase: the cards grouped by cluster, with
 * their solutions; while dots go on one kind of card (once tallies are
 * revealed) a bar chart of those cards, most votes first; while groups score,
 * the sector's USG ranking, in the server's order. Each column is rebuilt
 * off-screen and swapped in only when its markup changed, so a change on one
 * board leaves the others alone. */

import { el, fmt } from "../shared/dom.js";
import { createCard, renderCard } from "../shared/cards.js";
import { votingOn } from "../shared/rules.js";

export function createBoards(root, ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const columns = {}; // sector id -> {el, html}

  function talliesShown() {
    const w = store.workshop;
    return !!(w && w.settings.votes_revealed);
  }

  function votesOf(card) {
    return typeof card.votes === "number" ? card.votes : 0;
  }

  function maxVotes(cards) {
    return cards.reduce(function (m, c) { return Math.max(m, votesOf(c)); }, 0);
  }

  /* A horizontal bar (a <progress>, no inline style) and the number of votes. */
  function voteMeasure(card, max) {
    const votes = votesOf(card);
    return el("div", { className: "vote-measure" }, [
      el("progress", { className: "vote-bar", max: String(Math.max(1, max)), value: String(votes), "aria-hidden": "true" }),
      el("span", { className: "vote-count", text: String(votes) }),
      el("span", { className: "visually-hidden", text: " " + t.votes })
    ]);
  }

  function face(tag, className, card) {
    const view = createCard(tag, { className: className, "data-card": card.id });
    renderCard(view, card, { categories: ctx.rules.categories });
    return view.el;
  }

  /* A bottleneck with its solutions; bars only when tallies are shown and it has votes. */
  function cardItem(card, scale) {
    const item = face("li", "card page-unit", card);
    if (scale.bottleneck > 0 && votesOf(card) > 0) item.appendChild(voteMeasure(card, scale.bottleneck));
    const solutions = store.solutionsOf(card.id);
    if (solutions.length) {
      item.appendChild(el("ul", { className: "solutions" }, solutions.map(function (s) {
        const node = face("li", "solution", s);
        if (scale.solution > 0 && votesOf(s) > 0) node.appendChild(voteMeasure(s, scale.solution));
        return node;
      })));
    }
    return item;
  }

  function cardList(sectorId, bottlenecks) {
    let solutions = [];
    bottlenecks.forEach(function (b) { solutions = solutions.concat(store.solutionsOf(b.id)); });
    const shown = talliesShown();
    const scale = { bottleneck: shown ? maxVotes(bottlenecks) : 0, solution: shown ? maxVotes(solutions) : 0 };
    const grouped = store.grouped(sectorId, bottlenecks.slice().reverse());
    const items = function (cards) { return cards.map(function (c) { return cardItem(c, scale); }); };
    const parts = grouped.groups.map(function (g) {
      return el("section", { className: "cluster", "data-cluster": g.cluster.id }, [
        el("h3", { className: "cluster-title page-unit page-keep", text: g.cluster.title }),
        el("ol", { className: "cards" }, items(g.cards))
      ]);
    });
    if (grouped.loose.length) {
      parts.push(el("section", { className: "cluster ungrouped" }, [
        parts.length ? el("h3", { className: "cluster-title page-unit page-keep", text: t.ungrouped }) : null,
        el("ol", { className: "cards" }, items(grouped.loose))
      ]));
    }
    return parts;
  }

  /* The bar chart of a voting phase: the cards voted on, most votes first. */
  function voteChart(cards, kind) {
    const sorted = cards.slice().sort(function (a, b) { return votesOf(b) - votesOf(a) || a.id - b.id; });
    const max = maxVotes(sorted);
    return el("section", { className: "vote-chart-box" }, [
      el("h3", { className: "chart-title page-unit page-keep", text: kind === "solution" ? t.votes_solutions : t.votes_bottlenecks }),
      sorted.length
        ? el("ol", { className: "vote-chart" }, sorted.map(function (card) {
            return el("li", { className: "vote-item page-unit", "data-card": card.id }, [el("p", { className: "vote-label", text: card.text }), voteMeasure(card, max)]);
          }))
        : el("p", { className: "empty", text: t.empty })
    ]);
  }

  function scoreText(value) {
    return value === null || value === undefined ? "–" : String(value);
  }

  /* The USG ranking, in the server's rank_key order (store.ranking). */
  function rankingList(sectorId) {
    const ranked = store.ranking(sectorId);
    return el("section", { className: "ranking-box" }, [
      el("h3", { className: "chart-title page-unit page-keep", text: t.ranking }),
      ranked.length
        ? el("ol", { className: "ranking" }, ranked.map(function (row) {
            const a = row.card.assessment || {};
            return el("li", { className: "rank-item page-unit" + (row.rank === null ? " unscored" : ""), "data-card": row.card.id }, [
              el("span", { className: "rank-no", text: scoreText(row.rank) }),
              el("p", { className: "rank-text", text: row.card.text }),
              el("p", { className: "rank-scores" }, ctx.rules.scores.map(function (key) {
                return el("span", { className: "rank-" + key, text: key.toUpperCase() + " " + scoreText(a[key]) });
              }).concat([el("strong", { className: "rank-total", "aria-label": t.total + " " + scoreText(a.total), text: scoreText(a.total) })]))
            ]);
          }))
        : el("p", { className: "empty", text: t.empty })
    ]);
  }

  function columnBody(sector, cards) {
    const w = store.workshop;
    const voteOn = votingOn(store);
    const parts = [];
    if (w && w.open && w.open.scoring) parts.push(rankingList(sector.id));
    if (voteOn && talliesShown()) parts.push(voteChart(cards.filter(function (c) { return c.kind === voteOn; }), voteOn));
    if (parts.length) return parts;
    const list = cardList(sector.id, store.bottlenecks(sector.id));
    return list.length ? list : [el("p", { className: "empty", text: t.empty })];
  }

  /* "Kelurahan/Kecamatan" may wrap after the slash in a narrow column. */
  function breakable(name) {
    const parts = [];
    name.split("/").forEach(function (piece, i) {
      if (i) parts.push("/", el("wbr"));
      parts.push(piece);
    });
    return parts;
  }

  function column(sector) {
    const cards = store.cardsOf(sector.id);
    const people = store.roster.per_sector[String(sector.id)] || 0;
    return el("section", { className: "board-column", "data-sector": sector.id, "aria-labelledby": "sector-h-" + sector.id }, [
      el("header", { className: "board-column-head" }, [
        el("h2", { id: "sector-h-" + sector.id }, breakable(sector.name)),
        el("p", { className: "counts" }, [
          el("span", { className: "count-people", text: fmt(t.participants, { n: people }) }),
          " · ",
          el("span", { className: "count-cards", text: fmt(t.cards, { n: cards.length }) }),
          el("span", { className: "page-no" })
        ])
      ]),
      // The pages of a long board turn by themselves (presenter-pages.js).
      el("div", { className: "column-body", "data-pages": "sector-" + sector.id }, columnBody(sector, cards))
    ]);
  }

  /* Rebuild each column off-screen; swap in only those whose markup changed. */
  function render() {
    const sectors = store.sectors();
    const layout = "cols-" + sectors.length;
    const before = root.getAttribute("data-layout");
    if (before !== layout) {
      if (before) root.classList.remove(before);
      root.classList.add(layout);
      root.setAttribute("data-layout", layout);
    }
    const seen = {};
    sectors.forEach(function (sector, i) {
      seen[sector.id] = true;
      const fresh = column(sector);
      const html = fresh.outerHTML;
      let old = columns[sector.id];
      if (!old || old.html !== html) {
        if (old && old.el.parentNode === root) root.replaceChild(fresh, old.el);
        old = columns[sector.id] = { el: fresh, html: html };
      }
      if (root.children[i] !== old.el) root.insertBefore(old.el, root.children[i] || null);
    });
    Object.keys(columns).forEach(function (id) {
      if (seen[id]) return;
      if (columns[id].el.parentNode === root) root.removeChild(columns[id].el);
      delete columns[id];
    });
  }

  return { render: render };
}
