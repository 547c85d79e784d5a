/* Text for a drawing that cannot wrap by itself (SVG): lines that fit a
 * width, measured by a function the page passes in (a canvas in the browser,
 * an estimate in tests). No DOM: tested with node --test. */

/* A measure(text, size, bold) -> width in px from the character count: a
 * generous average for a sans-serif, for tests and as a fallback. */
export function estimate(text, size, bold) {
  return String(text).length * size * (bold ? 0.6 : 0.55);
}

/* `text` in lines no wider than `width` at font `size`, at most `maxLines`
 * (the last one ends in "…" when the text was longer): {lines, cut}. A word
 * longer than a line is broken. opts.prefix (a mark) goes before the first
 * word when both fit on a line, and is left out when they do not. */
export function wrap(text, opts) {
  if (opts.prefix) {
    const marked = wrap(opts.prefix + " " + String(text || "").trim(), Object.assign({}, opts, { prefix: null }));
    const plain = wrap(text, Object.assign({}, opts, { prefix: null }));
    const worse = marked.lines[0] === opts.prefix || (marked.cut && !plain.cut) || marked.lines.length > plain.lines.length + 1;
    return worse ? plain : marked;
  }
  const measure = opts.measure || estimate;
  const fits = function (s) { return measure(s, opts.size, !!opts.bold) <= opts.width; };
  const words = String(text || "").replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines = [];
  let line = "";
  words.forEach(function (word) {
    const joined = line ? line + " " + word : word;
    if (fits(joined)) {
      line = joined;
      return;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line) && line.length > 1) {
      let n = line.length - 1;
      while (n > 1 && !fits(line.slice(0, n))) n -= 1;
      lines.push(line.slice(0, n));
      line = line.slice(n);
    }
  });
  if (line) lines.push(line);
  const max = Math.max(1, opts.maxLines || Infinity);
  if (lines.length <= max) return { lines: lines, cut: false };
  const kept = lines.slice(0, max);
  let last = kept[max - 1];
  while (last.length > 0 && !fits(last + "…")) last = last.slice(0, -1);
  kept[max - 1] = last.replace(/\s+$/, "") + "…";
  return { lines: kept, cut: true };
}

/* A text item of a drawing: lines from baseline `y`, `lh` apart. */
export function textItem(x, y, lines, size, lh, cls, anchor) {
  return { type: "text", x: x, y: y, lines: lines, size: size, lh: lh, cls: cls, anchor: anchor || "start" };
}

export function rectItem(x, y, w, h, cls) {
  return { type: "rect", x: x, y: y, w: w, h: h, cls: cls };
}

export function lineItem(x1, y1, x2, y2, cls) {
  return { type: "line", x1: x1, y1: y1, x2: x2, y2: y2, cls: cls };
}

export function pathItem(d, cls) {
  return { type: "path", d: d, cls: cls };
}

/* The first font size from opts.max down to opts.min (step 2) at which
 * place(size, false) fits; else place(opts.min, true), which cuts and hides. */
export function largestFit(place, opts) {
  for (let size = opts.max; size >= opts.min; size -= 2) {
    const drawn = place(size, false);
    if (drawn.fits) return drawn;
  }
  return place(opts.min, true);
}

export function round(n) {
  return Math.round(n * 10) / 10;
}

/* The same causes (causes.js causeTree nodes) with those that are, or lead
 * to, a root cause first, the order kept otherwise: when room runs out and
 * causes give way to "+N more", a root cause is never among them while
 * another could give way instead. */
export function rootsFirst(nodes) {
  const has = function (node) { return !!node.card.root || node.children.some(has); };
  const sorted = nodes.map(function (node) { return Object.assign({}, node, { children: rootsFirst(node.children) }); });
  return sorted.filter(has).concat(sorted.filter(function (node) { return !has(node); }));
}
