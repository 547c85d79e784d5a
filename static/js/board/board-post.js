/* The phone's bottleneck form, and its draft: what is typed survives a
 * reload or a dead battery's warning (kept in the `storage` passed in). */

export function bindPostForm(ctx, storage) {
  const t = ctx.t;
  const form = document.getElementById("post-form");
  const area = document.getElementById("post-text");
  const counter = document.getElementById("post-count");
  const error = document.getElementById("post-error");
  const sent = document.getElementById("post-sent");
  const send = form.querySelector("button[type=submit]");
  const limit = ctx.rules.limits.text;
  const key = "urai:draft:" + ctx.config.code;

  function count() {
    counter.textContent = area.value.length + " / " + limit;
  }

  function saveDraft() {
    try {
      storage.setItem(key, JSON.stringify({ text: area.value, category: form.elements.category.value, service: form.elements.service.value }));
    } catch (e) {
      /* private mode: nothing to keep */
    }
  }

  function restoreDraft() {
    let draft = null;
    try {
      draft = JSON.parse(storage.getItem(key) || "null");
    } catch (e) {
      draft = null;
    }
    if (!draft || typeof draft.text !== "string") return;
    area.value = draft.text;
    form.elements.category.value = draft.category || "";
    form.elements.service.value = draft.service || "";
    count();
  }

  restoreDraft();
  document.getElementById("post-fields").disabled = false; /* the page is ready to queue posts */
  form.addEventListener("change", saveDraft);
  area.addEventListener("input", function () {
    count();
    saveDraft();
    if (sent.classList.contains("done")) setSent("", "");
  });
  /* With the keyboard up, the send button stays in view under the text. */
  function keepSendInView() {
    if (document.activeElement !== area) return;
    const box = send.getBoundingClientRect();
    const bottom = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    if (box.bottom > bottom || box.top < 0) send.scrollIntoView({ block: "nearest" });
  }
  area.addEventListener("focus", function () { setTimeout(keepSendInView, 50); });
  if (window.visualViewport) window.visualViewport.addEventListener("resize", keepSendInView);
  else window.addEventListener("resize", keepSendInView);

  function setSent(text, state) {
    sent.textContent = text;
    sent.className = "post-sent" + (state ? " " + state : "");
  }

  /* Stored: say so beside the form, and bring the new card into view, lit up briefly. */
  function stored(card) {
    setSent(card && card.status === "pending" ? t.sent_waiting : "✓ " + t.sent, "done");
    if (!card) return;
    setTimeout(function () {
      const node = document.getElementById("card-" + card.id);
      if (!node) return;
      const still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      node.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
      node.classList.remove("just-posted");
      void node.offsetWidth; /* restart the highlight */
      node.classList.add("just-posted");
      setTimeout(function () { node.classList.remove("just-posted"); }, 3000);
    }, 60);
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    const text = area.value.trim();
    if (!text) {
      error.textContent = t.required;
      return;
    }
    ctx.post(
      { kind: "bottleneck", text: text, category: form.elements.category.value || null, service: form.elements.service.value.trim() || null },
      { error: error, restore: area, sent: stored, reopen: function () { setSent("", ""); } }
    );
    setSent(ctx.connected() ? t.sending : t.queued, "");
    form.reset();
    saveDraft();
    count();
  });
}
