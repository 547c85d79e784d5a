/* The cockpit's keyboard shortcuts, for the steps taken many times a
 * session: N next phase, T start/pause/resume the timer, S the projector back
 * (spotlight and focus off), A approve the oldest card waiting, B back to the
 * boards, ? this list. Never while typing in a field, nor with Ctrl, Alt or
 * Cmd (the browser's own), nor while a dialog or a menu is open. Each key
 * presses the button that does the same, so its rules and its errors are the
 * button's. */

const FIELDS = { INPUT: true, TEXTAREA: true, SELECT: true };

export function typing(target) {
  return !!target && (FIELDS[target.tagName] || target.isContentEditable);
}

export function createKeys(ctx, parts) {
  const $ = function (id) { return document.getElementById(id); };
  const help = $("keys-dialog");

  function press(button) {
    if (!button || button.closest("[hidden]") || button.getAttribute("aria-disabled") === "true") return false;
    button.click();
    return true;
  }

  const KEYS = {
    n: function () { return press($("bar-next")); },
    t: function () {
      const state = parts.timer.state();
      if (state === "running" || state === "paused") return press($("timer-pause"));
      $("timer-form").requestSubmit($("timer-start"));
      return true;
    },
    s: function () {
      const a = press($("bar-spotlight-off"));
      const b = press($("bar-focus-off"));
      return a || b;
    },
    a: function () {
      if (parts.queue && typeof parts.queue.approveNext === "function") return parts.queue.approveNext();
      return press(document.querySelector("#queue-list > li [data-action=approve]"));
    },
    b: function () {
      parts.tabs.show("boards");
      return true;
    },
    "?": function () {
      if (!help.open) help.showModal();
      return true;
    }
  };

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || document.querySelector("dialog[open]") || (parts.menu && parts.menu.isOpen())) return;
    const run = KEYS[event.key.length === 1 ? event.key.toLowerCase() : ""];
    if (run && run()) event.preventDefault();
  }

  return {
    init: function () {
      document.addEventListener("keydown", onKey);
      $("bar-keys").addEventListener("click", function () { help.showModal(); });
      help.querySelector("[data-close]").addEventListener("click", function () { help.close(); });
    }
  };
}
