/* The cockpit's tabs: one panel at a time under the bar (the boards first;
 * scoring, suggestions, paper cards, follow-up, documents, settings and set-up
 * a click away). A link to something in a closed panel (#followup-h, the
 * bar's #queue-h...) opens its tab first. The tab chosen stays chosen
 * through a reload in this browser tab (the set-up's and the follow-up's
 * forms post and come back). show(name) for the shortcuts;
 * onShow(fn) tells a part that draws only while seen (fn(name)). */

const KEY = "urai-tab:" + location.pathname;

function remember(name) {
  try {
    sessionStorage.setItem(KEY, name);
  } catch (e) {
    /* storage refused: the boards come first after a reload */
  }
}

function remembered() {
  try {
    return sessionStorage.getItem(KEY);
  } catch (e) {
    return null;
  }
}

export function createTabs() {
  const tabs = Array.prototype.slice.call(document.querySelectorAll(".fac-tabs [role=tab]"));
  const listeners = [];

  function panelOf(tab) {
    return document.getElementById(tab.getAttribute("aria-controls"));
  }

  function current() {
    const tab = tabs.find(function (b) { return b.getAttribute("aria-selected") === "true"; });
    return tab ? tab.getAttribute("data-tab") : null;
  }

  function show(name, focus) {
    const chosen = tabs.find(function (b) { return b.getAttribute("data-tab") === name; });
    if (!chosen) return;
    const before = current();
    tabs.forEach(function (b) {
      const on = b === chosen;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panelOf(b).hidden = !on;
    });
    if (focus) chosen.focus();
    remember(name);
    if (before !== name) listeners.forEach(function (fn) { fn(name); });
  }

  /* Open the tab holding `node`, if it is in a closed one. */
  function reveal(node) {
    const panel = node && node.closest ? node.closest("[role=tabpanel]") : null;
    if (panel && panel.hidden) show(panel.id.replace(/^panel-/, ""));
  }

  function init() {
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { show(tab.getAttribute("data-tab")); });
      tab.addEventListener("keydown", function (event) {
        let next = null;
        if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
        else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
        else if (event.key === "Home") next = tabs[0];
        else if (event.key === "End") next = tabs[tabs.length - 1];
        if (!next) return;
        event.preventDefault();
        show(next.getAttribute("data-tab"), true);
      });
    });
    document.addEventListener("click", function (event) {
      const link = event.target.closest && event.target.closest('a[href^="#"]');
      if (!link || link.getAttribute("href").length < 2) return;
      reveal(document.getElementById(link.getAttribute("href").slice(1)));
    });
    const kept = remembered();
    if (kept) show(kept);
    if (location.hash.length > 1) reveal(document.getElementById(location.hash.slice(1)));
  }

  return {
    init: init,
    show: show,
    reveal: reveal,
    current: current,
    onShow: function (fn) { listeners.push(fn); }
  };
}
