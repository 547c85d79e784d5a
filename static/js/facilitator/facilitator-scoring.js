/* USG scoring in one grid: a row a visible bottleneck, U, S and G (1-5) and
 * the APKL checks, each saved as soon as it changes (card:assess with that
 * one field), the total and the rank on its board from the server's rank_key,
 * and how many are scored and left to score. Rows stay in the boards' order
 * while scoring, so nothing jumps under the pointer; the rank column moves. */

import { el, fmt, setText, short, syncChildren, prune } from "../shared/dom.js";
import { scoreOptions } from "../shared/cards.js";
import { scoringProgress } from "./facilitator-model.js";
import { errorArea, syncValue, select, int, fillSelect } from "./facilitator-ui.js";

export function createScoring(ctx) {
  const t = ctx.t;
  const rules = ctx.rules;
  const store = ctx.store;
  const rows = {}; // card id -> row parts
  const heads = {}; // sector id -> its header row
  const $ = function (id) { return document.getElementById(id); };
  const options = scoreOptions(rules, "–");

  function chosenSector() {
    return int($("scoring-sector").value);
  }

  function buildRow(id) {
    const r = { scores: {}, apkl: {}, area: errorArea(), sig: null };
    r.rank = el("td", { className: "fac-rank-col" });
    r.text = el("span", { className: "fac-usg-text" });
    r.total = el("td", { className: "fac-score-col fac-usg-sum" });
    const cells = [r.rank, el("th", { scope: "row", className: "fac-usg-card" }, [r.text, r.area])];
    rules.scores.forEach(function (key) {
      const s = (r.scores[key] = select(options, { className: "fac-score", "data-score": key }));
      s.addEventListener("change", function () {
        const payload = { card_id: id };
        payload[key] = int(s.value);
        save(r, payload);
      });
      cells.push(el("td", { className: "fac-score-col" }, [s]));
    });
    cells.push(r.total);
    rules.apkl.forEach(function (key) {
      const box = (r.apkl[key] = el("input", { type: "checkbox", "data-apkl": key }));
      box.addEventListener("change", function () {
        const apkl = {};
        apkl[key] = box.checked;
        save(r, { card_id: id, apkl: apkl });
      });
      cells.push(el("td", { className: "fac-apkl-col" }, [el("label", { className: "fac-apkl-cell" }, [box])]));
    });
    r.root = el("tr", { "data-card": id }, cells);
    return r;
  }

  function save(r, payload) {
    ctx.send("card:assess", payload, { area: r.area });
  }

  function row(card, rank) {
    const r = rows[card.id] || (rows[card.id] = buildRow(card.id));
    const a = card.assessment || { apkl: {} };
    setText(r.rank, rank ? String(rank) : "–");
    const sig = card.text + "|" + JSON.stringify(a);
    if (sig !== r.sig) {
      r.sig = sig;
      setText(r.text, card.text);
      const label = short(card.text, 50);
      rules.scores.forEach(function (key) {
        syncValue(r.scores[key], a[key] || "");
        r.scores[key].setAttribute("aria-label", (t["score_" + key] || key) + ": " + label);
      });
      rules.apkl.forEach(function (key) {
        syncValue(r.apkl[key], !!a.apkl && a.apkl[key] === true);
        r.apkl[key].setAttribute("aria-label", (t["apkl_" + key] || key) + ": " + label);
      });
      setText(r.total, a.total === null || a.total === undefined ? "" : String(a.total));
    }
    return r.root;
  }

  function head(sector) {
    const h = heads[sector.id] || (heads[sector.id] = { cell: el("th", { colSpan: 3 + rules.scores.length + rules.apkl.length, scope: "rowgroup" }) });
    if (!h.root) h.root = el("tr", { className: "fac-usg-board" }, [h.cell]);
    const p = scoringProgress(store, sector.id);
    setText(h.cell, sector.name + " · " + fmt(t.scored_progress, { n: p.scored, m: p.left }));
    return h.root;
  }

  function renderSectors() {
    const chosen = $("scoring-sector").value;
    fillSelect($("scoring-sector"), [{ value: "", label: t.all_boards }].concat(store.sectors().map(function (s) {
      return { value: String(s.id), label: s.name };
    })));
    if ($("scoring-sector").value !== chosen) $("scoring-sector").value = "";
  }

  function render() {
    if (!store.workshop) return;
    renderSectors();
    const only = chosenSector();
    const parts = [];
    let shown = 0;
    store.sectors().forEach(function (sector) {
      if (only !== null && sector.id !== only) return;
      const ranking = store.ranking(sector.id);
      if (!ranking.length) return;
      const ranks = {};
      ranking.forEach(function (r) { ranks[r.card.id] = r.rank; });
      const cards = ranking.map(function (r) { return r.card; }).sort(function (a, b) { return a.id - b.id; });
      parts.push(head(sector));
      cards.forEach(function (card) { parts.push(row(card, ranks[card.id])); });
      shown += cards.length;
    });
    syncChildren($("scoring-rows"), parts);
    prune(rows, function (id) { const c = store.cards[id]; return !!c && c.status === "visible"; });
    prune(heads, function (id) { return !!store.sector(Number(id)); });
    $("scoring-empty").hidden = shown > 0;
    const p = scoringProgress(store, only);
    setText($("scoring-progress"), fmt(t.scored_progress, { n: p.scored, m: p.left }));
  }

  return {
    init: function () {
      $("scoring-sector").addEventListener("change", render);
    },
    render: render
  };
}
