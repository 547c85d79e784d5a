/* The one card renderer of the phone board, the facilitator's boards and the
 * projector: a card's face (its text, category and service, author), kept
 * per card and updated in place. Each page adds its own controls after it. */

import { el, setText, show } from "./dom.js";

/* The face's nodes inside a new `tag` element; view.el is the root. */
export function createCard(tag, attrs, textId) {
  const view = {
    text: el("p", { className: "card-text", id: textId || null }),
    meta: el("p", { className: "card-meta", hidden: true }),
    author: el("p", { className: "card-author", hidden: true }),
    metaKey: null
  };
  view.el = el(tag, attrs, [view.text, view.meta, view.author]);
  return view;
}

/* opts: categories (code -> label), labelled (the badge also shows the label),
 * author (the byline, "" for none). */
export function renderCard(view, card, opts) {
  setText(view.text, card.text);
  const answers = opts.answers || ""; // the root cause a solution addresses, as text
  const key = (card.category || "") + "|" + (card.service || "") + "|" + answers;
  if (view.metaKey !== key) {
    view.metaKey = key;
    view.meta.textContent = "";
    metaParts(card, opts.categories || {}, opts.labelled).forEach(function (part) { view.meta.appendChild(part); });
    if (answers) view.meta.appendChild(el("span", { className: "answers", text: answers }));
    show(view.meta, !!(card.category || card.service || answers));
  }
  setText(view.author, opts.author || "");
  show(view.author, !!opts.author);
}

export function metaParts(card, categories, labelled) {
  const label = categories[card.category] || "";
  const parts = [];
  if (card.category) {
    parts.push(el("span", { className: "badge", title: label, text: labelled ? card.category + " " + label : card.category }));
  }
  if (card.service) parts.push(el("span", { className: "service", text: card.service }));
  return parts;
}

/* What a solution says it addresses: `template` with {text} the cause's text,
 * or "" (no cause named, or one this viewer does not see). */
export function answersText(card, cards, template) {
  const cause = card.addresses ? cards[card.addresses] : null;
  return cause ? template.replace("{text}", cause.text) : "";
}

/* "Name · Agency", with opts: meId and you ("(you)" on one's own cards),
 * none (said when there is no author), paper (added for a typed-in paper card). */
export function byline(card, opts) {
  const author = card.author;
  let who = author ? author.name + (author.agency ? " · " + author.agency : "") : opts.none || "";
  if (author && opts.you && opts.meId !== undefined && author.id === opts.meId) who += " (" + opts.you + ")";
  if (opts.paper && card.entered_by_facilitator) who += " · " + opts.paper;
  return who;
}

export function isMine(card, meId) {
  return !!(card.author && meId !== undefined && meId !== null && card.author.id === meId);
}

/* The choices of a category select: none, then "U3 · label" for each code. */
export function categoryOptions(categories, noneLabel) {
  return [{ value: "", label: noneLabel }].concat(Object.keys(categories).map(function (code) {
    return { value: code, label: code + " · " + categories[code] };
  }));
}

/* The choices of a USG score select: "–"/not scored, then each score of rules.ranges.score. */
export function scoreOptions(rules, emptyLabel) {
  const range = rules.ranges.score;
  const options = [{ value: "", label: emptyLabel }];
  for (let n = range[0]; n <= range[1]; n++) options.push({ value: String(n), label: String(n) });
  return options;
}

/* A select's options from [{value, label}]. */
export function optionNodes(options) {
  return options.map(function (o) { return el("option", { value: o.value, text: o.label }); });
}
