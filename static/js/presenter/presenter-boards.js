/* Every sector board side by side, live, rendered from the store: the
 * projector's columns. Read-only.
 *
 * What a column shows follows the phase: the cards grouped by cluster, with
 * their solutions; while dots go on one kind of card (once tallies are
 * revealed) a bar chart of those cards, most votes first; while groups score,
 * the sector's USG ranking, in the server's order. Each column stays on the
 * page; render(sectors) rebuilds off-screen only the bodies of the boards a
 * change touched (presenter-page.js tells which) and swaps one in only when
 * its markup changed, so a card or a tally on one board leaves the others
 * alone. Returns which bodies changed: only those are paged again. */

import { el, fmt, setText } from "../shared/dom.js";
import { isShown } from "../shared/store.js";
import { createCard, renderCard } from "../shared/cards.js";
import { votingOn } from "../shared/rules.js";

export function createBoards(root, ctx) {
  const t = ctx.t;
  const store = ctx.store;
  const columns = {}; // sector id -> {el, body, people, count, html}
  let solutionsBy = null; // parent id -> shown solutions, built once a render

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
    const solutions = solutionsOf(card.id);
    if (solutions.length) {
      item.appendChild(el("ul", { className: "solutions" }, solutions.map(function (s) {
        const node = face("li", "solution", s);
        if (scale.solution > 0 && votesOf(s) > 0) node.appendChild(voteMeasure(s, scale.solution));
        return node;
      })));
    }
    return item;
  }

  function solutionsOf(id) {
    return solutionsBy[id] || [];
  }

  /* Shown solutions by the card they answer, in one pass over the cards. */
  function indexSolutions() {
    const by = {};
    store.list(function (c) { return c.kind === "solution" && isShown(c); }).forEach(function (c) {
      (by[c.parent_id] || (by[c.parent_id] = [])).push(c);
    });
    return by;
  }

  function cardList(sectorId, bottlenecks) {
    let solutions = [];
    bottlenecks.forEach(function (b) { solutions = solutions.concat(solutionsOf(b.id)); });
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
  function rankingList(ranked) {
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

  /* The column's body and how many cards it draws (over all its pages). */
  function columnBody(sector) {
    const w = store.workshop;
    const voteOn = votingOn(store);
    if (w && w.open && w.open.scoring) {
      const ranked = store.ranking(sector.id);
      return { parts: [rankingList(ranked)], count: ranked.length };
    }
    if (voteOn && talliesShown()) {
      const voted = store.cardsOf(sector.id).filter(function (c) { return c.kind === voteOn; });
      return { parts: [voteChart(voted, voteOn)], count: voted.length };
    }
    const bottlenecks = store.bottlenecks(sector.id);
    const count = bottlenecks.reduce(function (n, b) { return n + 1 + solutionsOf(b.id).length; }, 0);
    const list = cardList(sector.id, bottlenecks);
    return { parts: list.length ? list : [el("p", { className: "empty", text: t.empty })], count: count };
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

  /* A column's frame, made once per sector: its heading, counts and page label. */
  function column(sector) {
    const people = el("span", { className: "count-people" });
    const count = el("span", { className: "count-cards" });
    const body = el("div", { className: "column-body", "data-pages": "sector-" + sector.id });
    const node = el("section", { className: "board-column", "data-sector": sector.id, "aria-labelledby": "sector-h-" + sector.id }, [
      el("header", { className: "board-column-head" }, [
        el("div", { className: "column-title" }, [
          el("h2", { id: "sector-h-" + sector.id }, breakable(sector.name)),
          el("p", { className: "page-no" })
        ]),
        el("p", { className: "counts" }, [people, " · ", count])
      ]),
      // The pages of a long board turn by themselves (presenter-pages.js).
      body
    ]);
    return { el: node, body: body, people: people, count: count, html: null, name: sector.name };
  }

  /* The body of one column again, swapped in only when its markup changed. */
  function fill(col, sector) {
    const drawn = columnBody(sector);
    const holder = el("div", {}, drawn.parts);
    const html = holder.innerHTML;
    if (html === col.html) return false;
    col.html = html;
    // "N kartu"; the pager says "n dari N kartu" while the board has pages (presenter-page.js).
    col.count.setAttribute("data-count", String(drawn.count));
    setText(col.count, fmt(t.cards, { n: drawn.count }));
    col.el.toggleAttribute("data-empty", drawn.count === 0);
    col.body.replaceChildren.apply(col.body, Array.prototype.slice.call(holder.childNodes));
    return true;
  }

  /* Draw the boards: every body when `dirty` is null, else only those of the
   * sector ids in it ({id: true}); the people counts always (cheap). Returns
   * the `data-pages` keys of the bodies that changed. */
  function render(dirty) {
    const sectors = store.sectors();
    const layout = "cols-" + sectors.length;
    const before = root.getAttribute("data-layout");
    if (before !== layout) {
      if (before) root.classList.remove(before);
      root.classList.add(layout);
      root.setAttribute("data-layout", layout);
    }
    solutionsBy = null;
    const changed = [];
    const seen = {};
    sectors.forEach(function (sector, i) {
      seen[sector.id] = true;
      let col = columns[sector.id];
      if (col && col.name !== sector.name) {
        if (col.el.parentNode === root) root.removeChild(col.el);
        col = null;
      }
      if (!col) col = columns[sector.id] = column(sector);
      setText(col.people, fmt(t.participants, { n: store.roster.per_sector[String(sector.id)] || 0 }));
      if (col.html === null || !dirty || dirty[sector.id]) {
        solutionsBy = solutionsBy || indexSolutions();
        if (fill(col, sector)) changed.push(col.body.getAttribute("data-pages"));
      }
      if (root.children[i] !== col.el) root.insertBefore(col.el, root.children[i] || null);
    });
    Object.keys(columns).forEach(function (id) {
      if (seen[id]) return;
      if (columns[id].el.parentNode === root) root.removeChild(columns[id].el);
      delete columns[id];
    });
    return changed;
  }

  return { render: render };
}
