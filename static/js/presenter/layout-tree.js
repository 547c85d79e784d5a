/* Where the projector draws the problem tree (pohon masalah), top down: the
 * bottleneck at the top, each cause in the row of its level below the cause
 * (or bottleneck) it explains, parents centred over their children, root
 * causes in bold and marked. Columns are as wide as their texts need (never
 * narrower than a floor), rows as tall. In CSS pixels of the box given; the
 * font shrinks from opts.max to opts.min until all fits, then branches that
 * still do not fit give way to "+N more". No DOM: tested with node --test. */

import { wrap, estimate, textItem, rectItem, pathItem, largestFit, round, rootsFirst } from "./layout-text.js";

const MAX_LINES = 6;

/* tree: causes.js causeTree; head: the bottleneck's text; box: {width, height};
 * opts as for fishboneLayout. Returns {width, height, size, hidden, fits, items}. */
export function treeLayout(tree, head, box, opts) {
  const top = tree.bones.reduce(function (all, bone) { return all.concat(bone.causes); }, []);
  const rooted = rootsFirst(top); // short of room, root causes (and the causes above them) go first
  return largestFit(function (size, squeeze) { return place(squeeze ? rooted : top, head, box, opts, size, squeeze); }, opts);
}

function leaves(node) {
  return node.children.length ? node.children.reduce(function (n, c) { return n + leaves(c); }, 0) : 1;
}

function count(nodes) {
  return nodes.reduce(function (n, c) { return n + 1 + count(c.children); }, 0);
}

/* The nodes that get columns within `slots` columns and `depth` rows, in
 * order; the rest of a level becomes one {more: n} column. Returns {items,
 * width}: an item is {node, kids, width, cut} (cut: "why?"s below the last
 * row) or {more, width: 1}. */
export function trim(nodes, slots, depth) {
  const items = [];
  let used = 0;
  const whole = nodes.reduce(function (n, c) { return n + (depth > 1 ? leaves(c) : 1); }, 0);
  const budget = whole <= slots ? slots : Math.max(1, slots - 1);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const room = budget - used;
    const deep = depth > 1 && node.children.length > 0;
    const need = deep ? leaves(node) : 1;
    if (room < 1 || (need > room && !deep)) {
      items.push({ more: count(nodes.slice(i)), width: 1 });
      return { items: items, width: used + 1 };
    }
    const kids = deep ? trim(node.children, Math.min(need, room), depth - 1) : { items: [], width: 0 };
    const width = Math.max(1, kids.width);
    items.push({ node: node, kids: kids, width: width, cut: depth > 1 ? 0 : count(node.children) });
    used += width;
  }
  return { items: items, width: used };
}

function depthOf(nodes) {
  return nodes.reduce(function (d, n) { return Math.max(d, 1 + depthOf(n.children)); }, 0);
}

/* Column widths (at least `floor` each, `total` in all) that keep the rows
 * short: width moves, step by step, from columns with slack to the columns
 * whose text sets the height of a row. nodes: [{at, width, level}] (the
 * columns each covers); linesOf(node, width) -> lines. */
export function balance(nodes, columns, total, floor, linesOf) {
  const step = 8;
  let w = [];
  for (let c = 0; c < columns; c++) w.push(Math.max(floor, total / columns));
  const span = function (n) {
    let sum = 0;
    for (let c = n.at; c < n.at + n.width; c++) sum += w[c];
    return sum;
  };
  let best = null;
  let stale = 0;
  for (let turn = 0; turn < 40 && stale < 8; turn++) {
    const lines = nodes.map(function (n) { return linesOf(n, span(n)); });
    const need = [];
    nodes.forEach(function (n, i) { need[n.level] = Math.max(need[n.level] || 0, lines[i]); });
    const score = need.reduce(function (a, b) { return a + (b || 0); }, 0);
    if (!best || score < best.score) {
      best = { score: score, w: w.slice() };
      stale = 0;
    } else {
      stale += 1;
    }
    const critical = w.map(function () { return false; });
    nodes.forEach(function (n, i) {
      if (lines[i] < need[n.level] || need[n.level] < 2) return;
      for (let c = n.at; c < n.at + n.width; c++) critical[c] = true;
    });
    const donors = [];
    const takers = [];
    critical.forEach(function (hot, c) {
      if (hot) takers.push(c);
      else if (w[c] - step >= floor) donors.push(c);
    });
    if (!donors.length || !takers.length) break;
    w = w.slice();
    donors.forEach(function (c) { w[c] -= step; });
    takers.forEach(function (c) { w[c] += (step * donors.length) / takers.length; });
  }
  return best ? best.w : w;
}

function place(top, head, box, opts, size, squeeze, depthCap) {
  const W = box.width;
  const H = box.height;
  const pad = 8;
  const npad = 6;
  const hgap = 12;
  const lh = Math.round(size * 1.2);
  const vgap = Math.round(size * 0.9);
  const state = { fits: true, hidden: 0 };
  const items = [];

  // The bottleneck on top.
  const headSize = size + 4;
  const headLh = Math.round(headSize * 1.2);
  const headW = Math.min(W - 2 * pad, Math.max(Math.round(W * 0.6), 900));
  const headLines = wrap(head, { width: headW - 4 * npad, size: headSize, bold: true, measure: opts.measure, maxLines: 3 });
  if (headLines.cut) state.fits = false;
  const headH = headLines.lines.length * headLh + 2 * npad;
  items.push(rectItem(round((W - headW) / 2), pad, headW, headH, "head"));
  items.push(textItem(round(W / 2), pad + npad + Math.round(headLh * 0.8), headLines.lines, headSize, headLh, "head-text", "middle"));

  // The columns and rows there is room for.
  const rowsTop = pad + headH + vgap;
  const minRow = lh + 2 * npad;
  const floor = Math.round(size * 6.5);
  const depth = Math.min(depthCap || Infinity, depthOf(top), Math.max(1, Math.floor((H - pad - rowsTop + vgap) / (minRow + vgap))));
  const shape = trim(top, Math.max(1, Math.floor((W - 2 * pad) / floor)), depth);
  if (countShown(shape.items) < count(top)) state.fits = false;
  if (!squeeze && !state.fits) return { fits: false };

  // Every node's columns, then widths that keep the rows short.
  const nodes = [];
  (function collect(list, level, at) {
    list.forEach(function (item) {
      const n = { item: item, level: level, at: at, width: item.width, bold: false };
      nodes.push(n);
      if (item.more) {
        n.text = opts.more(item.more);
      } else {
        n.text = item.node.card.text;
        n.bold = !!item.node.card.root;
        n.prefix = n.bold ? opts.mark : null;
        collect(item.kids.items, level + 1, at);
      }
      at += item.width;
    });
  })(shape.items, 1, 0);
  const inner = function (width) { return Math.min(width, size * 24) - hgap - 2 * npad; };
  const wrapOf = function (n, width, maxLines) {
    return wrap(n.text, { width: inner(width), size: size, bold: n.bold, prefix: n.prefix, measure: opts.measure, maxLines: maxLines });
  };
  const columns = Math.max(1, shape.width);
  const widths = balance(nodes, columns, Math.min(W - 2 * pad, columns * size * 24), floor, function (n, width) {
    return n.item.more ? 1 : wrapOf(n, width, MAX_LINES).lines.length + (n.item.cut ? 1 : 0);
  });
  const edges = [0];
  widths.forEach(function (w, i) { edges.push(edges[i] + w); });
  const left = (W - edges[edges.length - 1]) / 2;
  nodes.forEach(function (n) {
    n.x0 = left + edges[n.at];
    n.x1 = left + edges[n.at + n.width];
    n.lines = n.item.more ? 1 : wrapOf(n, n.x1 - n.x0, MAX_LINES).lines.length + (n.item.cut ? 1 : 0);
  });

  // Rows as tall as their tallest node; short of room, the tallest rows give up lines first.
  const need = [];
  nodes.forEach(function (n) { need[n.level - 1] = Math.max(need[n.level - 1] || 1, n.lines); });
  const room = H - pad - rowsTop - (need.length - 1) * vgap;
  const rows = need.slice();
  const height = function () { return rows.reduce(function (s, l) { return s + l * lh + 2 * npad; }, 0); };
  // Short of room, a row less of "why?"s (counted as "+N" under their cause) before any text is cut.
  if (squeeze && height() > room && depth > 1) return place(top, head, box, opts, size, squeeze, depth - 1);
  while (height() > room && Math.max.apply(null, rows) > 1) rows[rows.indexOf(Math.max.apply(null, rows))] -= 1;
  const rowTop = [rowsTop];
  rows.forEach(function (l, i) { rowTop.push(rowTop[i] + l * lh + 2 * npad + vgap); });

  nodes.forEach(function (n) {
    const cx = (n.x0 + n.x1) / 2;
    const y = rowTop[n.level - 1];
    const from = n.parent || { x: W / 2, y: pad + headH };
    items.push(pathItem("M" + round(from.x) + " " + round(from.y) + "V" + round(y - vgap / 2) + "H" + round(cx) + "V" + round(y), "edge"));
    if (n.item.more) {
      state.hidden += n.item.more;
      items.push(textItem(round(cx), round(y + npad + lh * 0.8), [n.text], size, lh, "more", "middle"));
      return;
    }
    const card = n.item.node.card;
    const cut = n.item.cut;
    const fit = wrapOf(n, n.x1 - n.x0, Math.max(1, Math.min(rows[n.level - 1], MAX_LINES + (cut ? 1 : 0)) - (cut ? 1 : 0)));
    if (fit.cut) state.fits = false;
    state.hidden += cut;
    const lines = cut ? fit.lines.concat([opts.more(cut)]) : fit.lines;
    const w = inner(n.x1 - n.x0) + 2 * npad;
    const h = lines.length * lh + 2 * npad;
    items.push(Object.assign(rectItem(round(cx - w / 2), round(y), round(w), h, "node" + (card.root ? " root" : "")), { card: card.id }));
    const label = textItem(round(cx), round(y + npad + lh * 0.8), lines, size, lh, "cause" + (card.root ? " root" : "") + (n.level > 1 ? " why" : ""), "middle");
    label.card = card.id;
    label.parent = card.parent_id;
    label.level = n.level;
    items.push(label);
    const below = { x: cx, y: y + h };
    nodes.forEach(function (m) { if (m.level === n.level + 1 && m.at >= n.at && m.at + m.width <= n.at + n.width) m.parent = below; });
  });
  legend(items, nodes, { W: W, H: H, pad: pad, size: size, lh: lh }, opts);
  return { width: W, height: H, size: size, hidden: state.hidden, fits: state.fits, items: items };
}

/* "★ Root cause" in the bottom right corner, when a root cause is drawn and no node is there. */
function legend(items, nodes, g, opts) {
  if (!opts.legend || !nodes.some(function (n) { return !n.item.more && n.item.node.card.root; })) return;
  const text = opts.mark + " " + opts.legend;
  const width = (opts.measure || estimate)(text, g.size, true);
  const box = { x: g.W - g.pad - width, y: g.H - g.pad - g.lh };
  const clear = items.every(function (i) {
    return i.type !== "rect" || i.x > g.W - g.pad || i.x + i.w < box.x || i.y > g.H || i.y + i.h < box.y;
  });
  if (clear) items.push(textItem(round(g.W - g.pad), round(g.H - g.pad - g.lh * 0.25), [text], g.size, g.lh, "legend root", "end"));
}

function countShown(items) {
  return items.reduce(function (n, item) { return n + (item.more ? 0 : 1 + countShown(item.kids.items)); }, 0);
}
