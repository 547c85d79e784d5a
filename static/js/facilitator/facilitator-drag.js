/* Dragging a card across a long board: the page, or the column under the
 * pointer, scrolls while the pointer is near its top or bottom edge (faster
 * nearer the edge), so a card can be dropped on another far away; and a drag
 * leaves no text selected. Used by facilitator-select.js. */

const EDGE = 90; /* px from a scroller's edge where a drag scrolls it */
const STEP = 24; /* px scrolled a frame at the very edge */
/* A browser tells where a dragged card is (dragover) every 50 ms or so, and on
   entering each element; told nothing for longer, the scrolling stops. */
const QUIET_MS = 300;

/* The nearest ancestor of `node` that scrolls vertically, or null (the page). */
function scrollerOf(node) {
  for (let n = node && node.parentElement; n && n !== document.body; n = n.parentElement) {
    const style = getComputedStyle(n);
    if ((style.overflowY === "auto" || style.overflowY === "scroll") && n.scrollHeight > n.clientHeight) return n;
  }
  return null;
}

/* While a card is dragged: scroll the page, or the column under the pointer,
 * when the pointer is near its top or bottom edge, faster nearer the edge. */
export function edgeScroller() {
  let frame = null;
  let pointer = null; // {y, target, at}
  function speed(y, top, bottom) {
    if (y < top + EDGE) return -Math.ceil(STEP * (1 - Math.max(0, y - top) / EDGE));
    if (y > bottom - EDGE) return Math.ceil(STEP * (1 - Math.max(0, bottom - y) / EDGE));
    return 0;
  }
  function tick() {
    frame = null;
    if (!pointer || performance.now() - pointer.at > QUIET_MS) return;
    const box = scrollerOf(pointer.target);
    let moved = false;
    if (box) {
      const r = box.getBoundingClientRect();
      const dy = speed(pointer.y, r.top, r.bottom);
      const before = box.scrollTop;
      if (dy) box.scrollTop += dy;
      moved = box.scrollTop !== before;
    }
    if (!moved) {
      const dy = speed(pointer.y, 0, window.innerHeight);
      const before = window.scrollY;
      if (dy) window.scrollBy(0, dy);
      moved = window.scrollY !== before;
    }
    if (moved) frame = requestAnimationFrame(tick);
  }
  return {
    at: function (y, target) {
      pointer = { y: y, target: target, at: performance.now() };
      if (frame === null) frame = requestAnimationFrame(tick);
    },
    stop: function () {
      pointer = null;
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
    }
  };
}

/* Nothing selected: a drag that began on text must not leave it highlighted. */
export function clearTextSelection() {
  const selection = window.getSelection && window.getSelection();
  if (selection && selection.rangeCount) selection.removeAllRanges();
}
