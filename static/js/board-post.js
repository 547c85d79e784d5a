/* The phone's bottleneck form, and its draft: what is typed survives a
 * reload or a dead battery's warning (kept in the `storage` passed in). */

export function bindPostForm(ctx, storage) {
  const t = ctx.t;
  const form = document.getElementById("post-form");
  const area = document.getElementById("post-text");
  const counter = document.getElementById("post-count");
  const error = document.getElementById("post-error");
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
  });
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
      { error: error, restore: area }
    );
    form.reset();
    saveDraft();
    count();
  });
}
