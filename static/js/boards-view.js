/* Every sector board side by side, live, rendered from an Urai.Store: the
 * projector's columns. Read-only.
 *
 * What a column shows follows the phase: the cards grouped by cluster, with
 * their solutions; during a voting phase (once tallies are revealed) a bar
 * chart of the cards voted on, most votes first; during a scoring phase the
 * sector's USG ranking. Each column is rebuilt off-screen and swapped in only
 * when its markup changed, so a change on one board leaves the others alone. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;

  Urai.mountBoards = function (root, config, t, hooks) {
    hooks = hooks || {};
    var store = new Urai.Store();
    var columns = {}; // sector id -> {el, html}
    var queued = false;

    function text(template, n) {
      return template.replace("{n}", n);
    }

    function talliesShown() {
      var w = store.workshop;
      return !!(w && w.settings.votes_revealed);
    }

    function votesOf(card) {
      return typeof card.votes === "number" ? card.votes : 0;
    }

    /* A horizontal bar (a <progress>, no inline style) and the number of votes. */
    function voteMeasure(card, max) {
      var votes = votesOf(card);
      return el("div", { className: "vote-measure" }, [
        el("progress", { className: "vote-bar", max: String(Math.max(1, max)), value: String(votes), "aria-hidden": "true" }),
        el("span", { className: "vote-count", text: String(votes) }),
        el("span", { className: "visually-hidden", text: " " + t.votes })
      ]);
    }

    function maxVotes(cards) {
      return cards.reduce(function (m, c) { return Math.max(m, votesOf(c)); }, 0);
    }

    function cardMeta(card) {
      if (!card.category && !card.service) return null;
      return el("p", { className: "card-meta" }, [
        card.category ? el("span", { className: "badge", title: config.categories[card.category] || "", text: card.category }) : null,
        card.service ? el("span", { className: "service", text: card.service }) : null
      ]);
    }

    function authorLine(card) {
      if (!card.author || !hooks.showAuthors) return null;
      var who = card.author.name + (card.author.agency ? " · " + card.author.agency : "");
      return el("p", { className: "card-author", text: who });
    }

    function solutionItem(solution, max) {
      return el("li", { className: "solution", "data-card": solution.id }, [
        el("p", { className: "card-text", text: solution.text }),
        max > 0 && votesOf(solution) > 0 ? voteMeasure(solution, max) : null
      ]);
    }

    /* A bottleneck with its solutions; bars only when tallies are shown and it has votes. */
    function cardItem(card, scale) {
      var solutions = store.solutionsOf(card.id);
      return el("li", { className: "card", "data-card": card.id }, [
        el("p", { className: "card-text", text: card.text }),
        cardMeta(card),
        authorLine(card),
        scale.bottleneck > 0 && votesOf(card) > 0 ? voteMeasure(card, scale.bottleneck) : null,
        solutions.length
          ? el("ul", { className: "solutions" }, solutions.map(function (s) { return solutionItem(s, scale.solution); }))
          : null
      ]);
    }

    function cardList(sectorId, bottlenecks) {
      var solutions = [];
      bottlenecks.forEach(function (b) { solutions = solutions.concat(store.solutionsOf(b.id)); });
      var shown = talliesShown();
      var scale = { bottleneck: shown ? maxVotes(bottlenecks) : 0, solution: shown ? maxVotes(solutions) : 0 };
      var clusters = store.clustersOf(sectorId);
      var groups = {};
      clusters.forEach(function (c) { groups[c.id] = []; });
      var loose = [];
      bottlenecks.slice().reverse().forEach(function (card) {
        (groups[card.cluster_id] || loose).push(cardItem(card, scale));
      });
      var parts = clusters
        .filter(function (c) { return groups[c.id].length; })
        .map(function (c) {
          return el("section", { className: "cluster", "data-cluster": c.id }, [
            el("h3", { className: "cluster-title", text: c.title }),
            el("ol", { className: "cards" }, groups[c.id])
          ]);
        });
      if (loose.length) {
        parts.push(el("section", { className: "cluster ungrouped" }, [
          parts.length ? el("h3", { className: "cluster-title", text: t.ungrouped }) : null,
          el("ol", { className: "cards" }, loose)
        ]));
      }
      return parts;
    }

    /* The bar chart of a voting phase: the cards voted on, most votes first. */
    function voteChart(cards, kind) {
      var sorted = cards.slice().sort(function (a, b) { return votesOf(b) - votesOf(a) || a.id - b.id; });
      var max = maxVotes(sorted);
      return el("section", { className: "vote-chart-box" }, [
        el("h3", { className: "chart-title", text: kind === "solution" ? t.votes_solutions : t.votes_bottlenecks }),
        sorted.length
          ? el("ol", { className: "vote-chart" }, sorted.map(function (card) {
              return el("li", { className: "vote-item", "data-card": card.id }, [
                el("p", { className: "vote-label", text: card.text }),
                voteMeasure(card, max)
              ]);
            }))
          : el("p", { className: "empty", text: t.empty })
      ]);
    }

    function scoreText(value) {
      return value === null || value === undefined ? "–" : String(value);
    }

    /* The USG ranking: total, then U, then S (Urai.Store.ranking). */
    function rankingList(sectorId) {
      var ranked = store.ranking(sectorId);
      return el("section", { className: "ranking-box" }, [
        el("h3", { className: "chart-title", text: t.ranking }),
        ranked.length
          ? el("ol", { className: "ranking" }, ranked.map(function (card, i) {
              var a = card.assessment || {};
              return el("li", { className: "rank-item" + (a.total === null || a.total === undefined ? " unscored" : ""), "data-card": card.id }, [
                el("span", { className: "rank-no", text: String(i + 1) }),
                el("p", { className: "rank-text", text: card.text }),
                el("p", { className: "rank-scores" }, [
                  el("span", { className: "rank-u", text: "U " + scoreText(a.u) }),
                  el("span", { className: "rank-s", text: "S " + scoreText(a.s) }),
                  el("span", { className: "rank-g", text: "G " + scoreText(a.g) }),
                  el("strong", { className: "rank-total", "aria-label": t.total + " " + scoreText(a.total), text: scoreText(a.total) })
                ])
              ]);
            }))
          : el("p", { className: "empty", text: t.empty })
      ]);
    }

    function sectorCards(sectorId) {
      return store.list(function (c) {
        return c.sector_id === sectorId && c.status !== "merged" && c.status !== "deleted";
      });
    }

    function columnBody(sector, cards) {
      var phase = store.phase();
      var bottlenecks = store.bottlenecks(sector.id);
      var voteOn = phase && phase.vote_on;
      var parts = [];
      if (phase && phase.allow_scoring) parts.push(rankingList(sector.id));
      if (voteOn && talliesShown()) {
        var voted = cards.filter(function (c) { return c.kind === voteOn; });
        parts.push(voteChart(voted, voteOn));
      }
      if (!parts.length) {
        parts = cardList(sector.id, bottlenecks);
        if (!parts.length) parts.push(el("p", { className: "empty", text: t.empty }));
      }
      return parts;
    }

    /* "Kelurahan/Kecamatan" may wrap after the slash in a narrow column. */
    function breakable(name) {
      var parts = [];
      name.split("/").forEach(function (piece, i) {
        if (i) parts.push("/", el("wbr"));
        parts.push(piece);
      });
      return parts;
    }

    function column(sector) {
      var cards = sectorCards(sector.id);
      var people = store.roster.per_sector[String(sector.id)] || 0;
      return el("section", { className: "board-column", "data-sector": sector.id, "aria-labelledby": "sector-h-" + sector.id }, [
        el("header", { className: "board-column-head" }, [
          el("h2", { id: "sector-h-" + sector.id }, breakable(sector.name)),
          el("p", { className: "counts" }, [
            el("span", { className: "count-people", text: text(t.participants, people) }),
            " · ",
            el("span", { className: "count-cards", text: text(t.cards, cards.length) })
          ])
        ])
      ].concat(columnBody(sector, cards)));
    }

    /* Rebuild each column off-screen; swap in only those whose markup changed. */
    function render() {
      queued = false;
      var sectors = (store.workshop && store.workshop.sectors) || [];
      var layout = "cols-" + sectors.length;
      if (root.getAttribute("data-layout") !== layout) {
        if (root.getAttribute("data-layout")) root.classList.remove(root.getAttribute("data-layout"));
        root.classList.add(layout);
        root.setAttribute("data-layout", layout);
      }
      var seen = {};
      sectors.forEach(function (sector, i) {
        seen[sector.id] = true;
        var fresh = column(sector);
        var html = fresh.outerHTML;
        var old = columns[sector.id];
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
      if (hooks.onRender) hooks.onRender(store);
    }

    function schedule() {
      if (queued) return;
      queued = true;
      setTimeout(render, 0);
    }

    store.onChange(function (change) {
      if (change.type === "card.created" && hooks.onCard) hooks.onCard(change.data);
      /* The timer alone changes nothing in the columns: the header counts it down. */
      schedule();
    });

    var stream = new Urai.Stream({
      code: config.code,
      sectorId: function () { return null; },
      store: store,
      onStatus: hooks.onStatus || function () {}
    });

    return { store: store, stream: stream, render: render };
  };
})();
