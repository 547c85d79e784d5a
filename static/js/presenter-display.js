/* Projector display choices, kept on this laptop (in `storage`): a dark theme
 * for dim halls, and showing one sector at a time, rotating on its own every
 * 15 seconds, when the boards are too many to read side by side; the causes
 * view (presenter-causes.js) keeps its fishbone-or-tree choice here too and
 * takes turns at the same pace. Returns {prefs, save}. */

const KEY = "urai:projector";
const ROTATE_MS = 15000;

export function bindDisplay(boards, themeButton, rotateButton, storage) {
  const prefs = { dark: false, rotate: false, tree: false, seconds: ROTATE_MS / 1000 };
  let index = 0;

  try {
    const saved = JSON.parse(storage.getItem(KEY) || "{}");
    prefs.dark = saved.dark === true;
    prefs.rotate = saved.rotate === true;
    prefs.tree = saved.tree === true;
    if (typeof saved.seconds === "number" && saved.seconds >= 1) prefs.seconds = saved.seconds;
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

  function stage() {
    const list = boards.querySelectorAll(".board-column");
    if (!list.length) return;
    index = index % list.length;
    for (let i = 0; i < list.length; i++) list[i].classList.toggle("on-stage", i === index);
  }

  function apply() {
    document.body.classList.toggle("theme-dark", prefs.dark);
    themeButton.setAttribute("aria-pressed", String(prefs.dark));
    boards.classList.toggle("rotating", prefs.rotate);
    rotateButton.setAttribute("aria-pressed", String(prefs.rotate));
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
  // Boards are redrawn as cards arrive; keep the sector on stage marked.
  new MutationObserver(function () {
    if (prefs.rotate) stage();
  }).observe(boards, { childList: true });
  setInterval(function () {
    if (!prefs.rotate) return;
    index += 1;
    stage();
  }, prefs.seconds * 1000);
  apply();
  return { prefs: prefs, save: save };
}
