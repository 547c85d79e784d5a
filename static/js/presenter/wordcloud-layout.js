/* A word cloud laid out without overlaps: sizes by frequency, each term put on
 * an elliptic spiral out from the middle at the first place where its box
 * touches no other and stays inside the frame. Deterministic (the same terms
 * give the same picture on every reload, unlike d3-cloud's random spiral and
 * pixel sprites), horizontal words only (read from the back row), and a whole
 * cloud shrinks step by step until every term fits. No DOM: `measure(text,
 * size)` says how wide a term is set (a canvas on the page, an estimate in
 * tests/js/wordcloud.test.js). */

const PAD = 6; // pixels kept between two terms
const SHRINK = 0.85; // each retry, when a term found no place
const TRIES = 6;
const FLOOR = 22; // no term smaller than this: read from the back row, or left out

/* terms: [{term, count}] most frequent first; width, height: the frame in pixels;
 * opts: {min, max} font sizes in pixels. Returns {placed: [{term, count, size, x,
 * y, w, h}] (x, y: the box's top left in the frame), dropped: number}. */
export function layoutCloud(terms, width, height, measure, opts) {
  const o = opts || {};
  let max = Math.min(o.max || 120, height / 4);
  let min = Math.min(o.min || 28, max);
  let best = null;
  for (let i = 0; i < TRIES; i++) {
    const found = attempt(terms, width, height, measure, min, max);
    if (!best || found.placed.length > best.placed.length) best = found;
    if (found.dropped === 0) return found;
    max = Math.max(FLOOR * 2, max * SHRINK);
    min = Math.max(FLOOR, min * SHRINK);
  }
  return best;
}

/* The font size of a term of `count`, between `min` (the rarest) and `max` (the
 * most frequent), by the square root, so that one dominant term leaves room for others. */
export function sizeOf(count, lowest, highest, min, max) {
  if (highest <= lowest) return max;
  return Math.round(min + (max - min) * Math.sqrt((count - lowest) / (highest - lowest)));
}

function attempt(terms, width, height, measure, min, max) {
  const placed = [];
  let dropped = 0;
  const counts = terms.map(function (t) { return t.count; });
  const highest = Math.max.apply(null, counts.concat([1]));
  const lowest = Math.min.apply(null, counts.concat([highest]));
  let failed = null; // the smallest box that found no place: a larger one will not either
  terms.forEach(function (t) {
    const size = sizeOf(t.count, lowest, highest, min, max);
    const w = Math.ceil(measure(t.term, size)) + PAD;
    const h = Math.ceil(size * 1.15) + PAD;
    const hopeless = w > width || h > height || (failed && w >= failed.w && h >= failed.h);
    const spot = hopeless ? null : findSpot(placed, w, h, width, height);
    if (spot) placed.push({ term: t.term, count: t.count, size: size, x: spot.x, y: spot.y, w: w, h: h });
    else {
      dropped += 1;
      if (!hopeless && (!failed || w * h < failed.w * failed.h)) failed = { w: w, h: h };
    }
  });
  return { placed: placed, dropped: dropped };
}

function findSpot(placed, w, h, width, height) {
  const cx = width / 2;
  const cy = height / 2;
  const aspect = width / height; // an ellipse the frame's shape
  const reach = Math.sqrt(cx * cx + cy * cy);
  const a = 3; // the spiral's arms are 2*pi*a pixels apart
  let t = 0;
  let last = null; // the box hit last: the likeliest to be hit again
  while (a * t <= reach) {
    const r = a * t;
    const x = Math.round(cx + r * Math.cos(t) * Math.sqrt(aspect) - w / 2);
    const y = Math.round(cy + (r * Math.sin(t)) / Math.sqrt(aspect) - h / 2);
    t += Math.max(0.05, 8 / Math.max(r, 8)); // about 8 pixels along the spiral
    if (x < 0 || y < 0 || x + w > width || y + h > height) continue;
    if (last && hits(last, x, y, w, h)) continue;
    last = null;
    for (let i = 0; i < placed.length; i++) {
      if (hits(placed[i], x, y, w, h)) {
        last = placed[i];
        break;
      }
    }
    if (!last) return { x: x, y: y };
  }
  return null;
}

function hits(box, x, y, w, h) {
  return x < box.x + box.w && box.x < x + w && y < box.y + box.h && box.y < y + h;
}
