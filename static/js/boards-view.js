/* Every sector board side by side, live: the projector's presenter view and
 * the facilitator's page both mount it. Read-only; counts per sector. */
(function () {
  "use strict";
  var Urai = window.Urai;
  var el = Urai.el;

  Urai.mountBoards = function (root, config, t, hooks) {
    var state = { sectors: [], cards: {}, roster: { total: 0, per_sector: {} } };
    hooks = hooks || {};

    function cardsOf(sectorId) {
      return Object.keys(state.cards)
        .map(function (id) { return state.cards[id]; })
        .filter(function (c) { return c.sector_id === sectorId; });
    }

    function column(sector) {
      var cards = cardsOf(sector.id);
      var bottlenecks = cards
        .filter(function (c) { return c.kind === "bottleneck"; })
        .sort(function (a, b) { return b.id - a.id; });
      var people = state.roster.per_sector[String(sector.id)] || 0;
      var items = bottlenecks.map(function (card) {
        var solutions = cards
          .filter(function (c) { return c.parent_id === card.id; })
          .sort(function (a, b) { return a.id - b.id; });
        return el("li", { className: "card", "data-card": card.id }, [
          el("p", { className: "card-text", text: card.text }),
          card.category || card.service
            ? el("p", { className: "card-meta" }, [
                card.category ? el("span", { className: "badge", title: config.categories[card.category] || "", text: card.category }) : null,
                card.service ? el("span", { className: "service", text: card.service }) : null
              ])
            : null,
          card.author && hooks.showAuthors ? el("p", { className: "card-author", text: card.author.name + " · " + card.author.agency }) : null,
          solutions.length
            ? el("ul", { className: "solutions" }, solutions.map(function (s) {
                return el("li", { className: "solution", "data-card": s.id }, [el("p", { className: "card-text", text: s.text })]);
              }))
            : null
        ]);
      });
      return el("section", { className: "board-column", "data-sector": sector.id, "aria-labelledby": "sector-h-" + sector.id }, [
        el("header", { className: "board-column-head" }, [
          el("h2", { id: "sector-h-" + sector.id, text: sector.name }),
          el("p", { className: "counts" }, [
            el("span", { className: "count-people", text: t.participants.replace("{n}", people) }),
            " · ",
            el("span", { className: "count-cards", text: t.cards.replace("{n}", cards.length) })
          ])
        ]),
        items.length ? el("ol", { className: "cards" }, items) : el("p", { className: "empty", text: t.empty })
      ]);
    }

    function render() {
      root.textContent = "";
      state.sectors.forEach(function (sector) {
        root.appendChild(column(sector));
      });
      if (hooks.onRender) hooks.onRender(state);
    }

    function renderSector(sectorId) {
      var old = root.querySelector('[data-sector="' + sectorId + '"]');
      var sector = state.sectors.filter(function (s) { return s.id === sectorId; })[0];
      if (old && sector) root.replaceChild(column(sector), old);
      else render();
      if (hooks.onRender) hooks.onRender(state);
    }

    return new Urai.Stream({
      code: config.code,
      sectorId: function () { return null; },
      onStatus: hooks.onStatus || function () {},
      onSnapshot: function (snapshot) {
        state.sectors = snapshot.workshop.sectors;
        state.roster = snapshot.roster || state.roster;
        state.cards = {};
        snapshot.cards.forEach(function (card) { state.cards[card.id] = card; });
        render();
      },
      onEvent: function (message) {
        if (message.type === "card.created") {
          var card = message.data;
          if (state.cards[card.id]) return;
          state.cards[card.id] = card;
          renderSector(card.sector_id);
          if (hooks.onCard) hooks.onCard(card);
        } else if (message.type === "workshop.updated") {
          state.sectors = message.data.sectors;
          render();
        } else if (message.type === "roster.updated") {
          state.roster = message.data;
          render();
        }
      }
    });
  };
})();
