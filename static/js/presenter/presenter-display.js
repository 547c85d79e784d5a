/* Projector display choices, kept on this laptop (in `storage`): a dark theme
 * for dim halls, and showing one sector at a time, rotating on its own every
 * 15 seconds; the causes view (presenter-causes.js) keeps its
 * fishbone-or-tree choice here too and takes turns at the same pace; long
 * columns turn their pages every `pageSeconds` (presenter-pages.js).
 * Boards too many for the screen's width at a readable size (six on a
 * 1280 px projector) take turns in even groups the same way (presenter-model.js's
 * groupSize); sectors with no card yet are left out while others have some.
 * A group moves on once each of its columns has shown every page its full
 * time. hooks: {ready(column): whether that column has shown its last page;
 * staged(columns): columns came on stage; group({from, to, total} | null):
 * which sectors are on stage while they take turns}. Returns {prefs, save, stage}. */

import { groupSize } from "./presenter-model.js";

const KEY = "urai:projector";
const ROTATE_MS = 15000;
const PAGE_MS = 10000;
const LEAST_PX = 18 * 16; // a column narrower than 18rem breaks words and stacks a card's lines
const GAP_PX = 16;

export function bindDisplay(boards, themeButton, rotateButton, storage, hooks) {
  const prefs = { dark: false, rotate: false, tree: false, seconds: ROTATE_MS / 1000, pageSeconds: PAGE_MS / 1000 };
  const on = hooks || {};
  let group = 0;
  let per = 0;
  let shown = {}; // sector id -> on stage

  try {
    const saved = JSON.parse(storage.getItem(KEY) || "{}");
    prefs.dark = saved.dark === true;
    prefs.rotate = saved.rotate === true;
    prefs.tree = saved.tree === true;
    if (typeof saved.seconds === "number" && saved.seconds >= 1) prefs.seconds = saved.seconds;
    if (typeof saved.pageSeconds === "number" && saved.pageSeconds >= 1) prefs.pageSeconds = saved.pageSeconds;
  } catch (e) {
    /* defaults */
  }

  function save() {
    try {
      storage.setItem(KEY, JSON.stringify(prefs));
    } catch (e) {
      /* private mode: the choice lasts this page */
    }
  }

  function columns() {
    return Array.prototype.slice.call(boards.querySelectorAll(".board-column"));
  }

  /* How many columns show at once now: one when rotating, else as many as fit. */
  /* The boards' width, read again only after a resize: a card arriving does
   * not change it, and reading it would lay the page out at once. */
  let width = 0;
  function perScreen(count) {
    if (prefs.rotate) return 1;
    width = width || boards.clientWidth;
    return groupSize(count, width || window.innerWidth, LEAST_PX, GAP_PX);
  }

  /* Mark the columns of the group on stage; tell of the sectors that came on.
   * Sectors with no card yet take no turn while others have cards. */
  function stage() {
    const all = columns();
    if (!all.length) return;
    const filled = all.filter(function (c) { return !c.hasAttribute("data-empty"); });
    const list = filled.length ? filled : all;
    const size = perScreen(list.length);
    const groups = Math.ceil(list.length / size);
    group = group % groups;
    const turns = size < list.length || list.length < all.length;
    all.forEach(function (column) {
      if (list.indexOf(column) < 0) column.classList.remove("on-stage");
    });
    if (size !== per) {
      boards.classList.remove("per-" + per);
      boards.classList.add("per-" + size);
      per = size;
    }
    boards.classList.toggle("taking-turns", turns);
    const now = {};
    const came = [];
    list.forEach(function (column, i) {
      const staged = !turns || Math.floor(i / size) === group;
      const key = column.getAttribute("data-sector");
      column.classList.toggle("on-stage", staged);
      if (!staged) return;
      now[key] = true;
      // A redrawn column is a new element: only a sector that was off stage comes on.
      if (!shown[key]) came.push(column);
    });
    shown = now;
    const grouped = size < list.length;
    if (on.group) on.group(grouped ? { from: group * size + 1, to: Math.min(list.length, (group + 1) * size), total: list.length } : null);
    if (came.length && on.staged) on.staged(came);
  }

  function onStage() {
    return columns().filter(function (c) { return c.classList.contains("on-stage"); });
  }

  function apply() {
    document.body.classList.toggle("theme-dark", prefs.dark);
    themeButton.setAttribute("aria-pressed", String(prefs.dark));
    boards.classList.toggle("rotating", prefs.rotate);
    rotateButton.setAttribute("aria-pressed", String(prefs.rotate));
    shown = {};
    stage();
  }

  themeButton.addEventListener("click", function () {
    prefs.dark = !prefs.dark;
    save();
    apply();
  });
  rotateButton.addEventListener("click", function () {
    prefs.rotate = !prefs.rotate;
    save();
    apply();
  });
  // Boards are redrawn as cards arrive; keep the group on stage marked.
  new MutationObserver(stage).observe(boards, { childList: true });
  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () {
      width = 0;
      stage();
    }, 100);
  });
  setInterval(function () {
    if (!boards.classList.contains("taking-turns")) return;
    const ready = !on.ready || onStage().every(function (c) { return on.ready(c); });
    if (!ready) return; // their pages first
    group += 1;
    stage();
  }, prefs.seconds * 1000);
  apply();
  return { prefs: prefs, save: save, stage: stage };
}
