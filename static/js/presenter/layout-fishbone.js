/* Where the projector draws a fishbone (Ishikawa): the bottleneck as the
 * head on the right, a spine, one bone per category alternating above and
 * below, the category's name at the bone's far end, its causes as text along
 * the bone with each "why?" indented under the cause it explains, root causes
 * in bold and marked. Everything is in CSS pixels of the box given; the font
 * shrinks from opts.max to opts.min until all fits, then causes that still do
 * not fit give way to "+N more". No DOM: tested with node --test. */

import { wrap, textItem, rectItem, lineItem, pathItem, largestFit, round, rootsFirst } from "./layout-text.js";
import { flatten } from "../shared/causes.js";

const MAX_LINES = 6; // a cause's text, at most

/* tree: causes.js causeTree; head: the bottleneck's text; box: {width, height};
 * opts: {max, min, measure, more(n) -> "+n more", mark (put before a root cause's text, "★"),
 * legend (said beside the mark)}. Returns {width, height, size, hidden, fits, items}. */
export function fishboneLayout(tree, head, box, opts) {
  return largestFit(function (size, squeeze) { return place(tree, head, box, opts, size, squeeze); }, opts);
}

function place(tree, head, box, opts, size, squeeze) {
  const W = box.width;
  const H = box.height;
  const lh = Math.round(size * 1.2);
  const pad = 12;
  const items = [];
  const state = { fits: true, hidden: 0 };
  const bones = tree.bones;
  const cols = Math.max(1, Math.ceil(bones.length / 2));

  // The head: the bottleneck, boxed, on the right.
  const headSize = size + 2;
  const headLh = Math.round(headSize * 1.2);
  const headW = Math.max(180, Math.min(320, Math.round(W * 0.22)));
  const headLines = wrap(head, { width: headW - 2 * pad, size: headSize, bold: true, measure: opts.measure, maxLines: Math.max(1, Math.floor((H - 6 * pad) / headLh)) });
  if (headLines.cut) state.fits = false;
  const headH = headLines.lines.length * headLh + 2 * pad;
  const headX = W - headW - 2;
  const cw = (headX - pad - 8) / cols;

  // The spine sits where the causes above and below have the room they need.
  const band = pad + lh + 10; // a bone's name and the space by it
  const room = H - 2 * band - 20;
  const need = [0, 0];
  bones.forEach(function (bone, i) {
    need[i % 2] = Math.max(need[i % 2], needOf(bone, cw - 14 - Math.min(48, cw * 0.15) - 18, size, lh, opts));
  });
  // Room to spare: shared alike. Short of room: the lighter half gets what it needs.
  let upper = need[0] + need[1] <= room ? need[0] + (room - need[0] - need[1]) / 2 : need[0] > need[1] ? room - need[1] : need[0];
  upper = Math.max(room * 0.2, Math.min(room * 0.8, upper || room / 2));
  const spineY = Math.round(band + 10 + upper);
  const headY = Math.max(2, Math.min(H - headH - 2, spineY - headH / 2));
  items.push(lineItem(pad, spineY, headX, spineY, "spine"));
  items.push(rectItem(headX, round(headY), headW, headH, "head"));
  items.push(textItem(headX + pad, round(headY + pad + headLh * 0.8), headLines.lines, headSize, headLh, "head-text"));
  const roots = tree.bones.some(function (b) { return flatten(b.causes).some(function (n) { return n.card.root; }); });
  // The mark explained under the head, or over it when the head sits low.
  const below = headY + headH + lh + 4;
  const legendY = below + 4 <= H ? below : headY - Math.round(lh * 0.5);
  if (roots && opts.legend && legendY - lh >= 0) {
    items.push(textItem(headX, round(legendY), [opts.mark + " " + opts.legend], size, lh, "legend root"));
  }

  bones.forEach(function (bone, i) {
    const x0 = pad + Math.floor(i / 2) * cw;
    placeBone(bone, { up: i % 2 === 0, x0: x0, x1: x0 + cw - 14, spineY: spineY, H: H, size: size, lh: lh, pad: pad }, opts, squeeze, items, state);
  });
  return { width: W, height: H, size: size, hidden: state.hidden, fits: state.fits, items: items };
}

/* The height a bone's causes take at their narrowest (by the spine). */
function needOf(bone, width, size, lh, opts) {
  const indent = Math.round(size * 1.2);
  return flatten(bone.causes).reduce(function (sum, node) {
    const root = !!node.card.root;
    const lines = wrap(node.card.text, { width: width - (node.level - 1) * indent, size: size, bold: root, prefix: root ? opts.mark : null, measure: opts.measure, maxLines: MAX_LINES });
    return sum + lines.lines.length * lh + Math.round(lh * 0.25);
  }, 0);
}

/* One bone, its name at the far end and its causes along it. */
function placeBone(bone, g, opts, squeeze, items, state) {
  const size = g.size;
  const lh = g.lh;
  const slant = Math.min(48, (g.x1 - g.x0) * 0.15);
  const end = g.up ? g.pad + lh + 2 : g.H - g.pad - lh - 2; // the far end, under (or over) the name
  const label = wrap(bone.name, { width: g.x1 - g.x0, size: size, bold: true, measure: opts.measure, maxLines: 1 });
  const labelY = g.up ? g.pad + Math.round(lh * 0.8) : g.H - g.pad - Math.round(lh * 0.2);
  items.push(textItem(g.x0, labelY, label.lines, size, lh, "bone-name"));
  items.push(lineItem(g.x0 + 4, end, g.x0 + 4 + slant, g.spineY, "bone"));
  const boneX = function (y) { return g.x0 + 4 + (slant * (y - end)) / (g.spineY - end); };

  const top = g.up ? end + 8 : g.spineY + 10;
  const bottom = g.up ? g.spineY - 8 : end - 8;
  // Short of room, root causes (and the causes above them) go first.
  const nodes = flatten(squeeze ? rootsFirst(bone.causes) : bone.causes);
  const placed = {}; // card id -> {textX, bottom}
  const indent = Math.round(size * 1.2);
  let y = top;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const root = !!node.card.root;
    const mid = y + lh / 2;
    // Clear of the slanted bone all the way down the text: as if it took the
    // most lines, then again for the lines it takes there (no more).
    const at = function (n) { return Math.max(boneX(y), boneX(y + n * lh)) + 14 + (node.level - 1) * indent; };
    const wrapAt = function (x) { return wrap(node.card.text, { width: g.x1 - x, size: size, bold: root, prefix: root ? opts.mark : null, measure: opts.measure, maxLines: MAX_LINES }); };
    let textX = at(MAX_LINES);
    let lines = wrapAt(textX);
    const closer = at(lines.lines.length);
    const again = wrapAt(closer);
    if (again.lines.length <= lines.lines.length) {
      textX = closer;
      lines = again;
    }
    const h = lines.lines.length * lh;
    const parent = placed[node.card.parent_id];
    const left = nodes.length - k - 1;
    if (lines.cut) state.fits = false;
    if (y + h + (squeeze && left > 0 ? lh : 0) > bottom) {
      state.fits = false;
      if (!squeeze) return;
      const hidden = nodes.length - k;
      state.hidden += hidden;
      if (y + lh <= bottom + 4) items.push(textItem(round(boneX(y + lh / 2) + 14), y + Math.round(lh * 0.8), [opts.more(hidden)], size, lh, "more"));
      return;
    }
    if (!parent) {
      items.push(lineItem(round(boneX(mid)), round(mid), round(textX - 4), round(mid), "twig"));
    } else {
      const px = round(parent.textX + 6);
      items.push(pathItem("M" + px + " " + round(parent.bottom - 2) + "V" + round(mid) + "H" + round(textX - 4), "twig why"));
    }
    const item = textItem(round(textX), round(y + lh * 0.8), lines.lines, size, lh, "cause" + (root ? " root" : "") + (node.level > 1 ? " why" : ""));
    item.card = node.card.id;
    item.parent = node.card.parent_id;
    items.push(item);
    placed[node.card.id] = { textX: textX, bottom: y + h };
    y += h + Math.round(lh * 0.25);
  }
}
