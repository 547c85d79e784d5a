/* The signing form (a phone's attendance step, a committee or speaker link):
 * name, agency, position and a finger signature on a canvas, drawn with the
 * vendored signature_pad (window.SignaturePad, static/vendor/), sent as a PNG
 * data URL by POST (a picture is larger than a socket event may be). The
 * server checks it and answers like a socket acknowledgement: {ok, entry} or
 * {ok: false, error}. Nothing typed or drawn is lost on a refusal or without
 * a connection: the form keeps it, and without a connection sends it again by
 * itself (every RETRY_MS, and when the browser is back online) until the
 * server answers. Sending twice is harmless: a second signature of the same
 * day replaces the first. */

const RETRY_MS = 5000;

export function createSignForm(form, options) {
  const t = options.t;
  const canvas = form.querySelector("canvas");
  const error = form.querySelector("[data-sign-error]");
  const submit = form.querySelector("button[type=submit]");
  const pad = new window.SignaturePad(canvas, { minWidth: 1, maxWidth: 3, penColor: "#10204a" });
  let sized = 0;
  let retry = null; // the timer of a send that found no connection

  /* The canvas drawn at the screen's pixel density; only while empty (a resize clears it). */
  function fit() {
    const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2); /* sharp enough to print; fewer bytes */
    const width = canvas.offsetWidth;
    if (!width || (sized === width && canvas.width) || !pad.isEmpty()) return;
    sized = width;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(canvas.offsetHeight * ratio);
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
  }

  pad.addEventListener("beginStroke", function () { say(""); }); /* drawing answers "sign first" */

  function say(message) {
    error.textContent = message || "";
  }

  function field(name) {
    return form.elements[name];
  }

  form.querySelector("[data-sign-clear]").addEventListener("click", function () {
    pad.clear();
    say("");
  });

  function again() {
    clearTimeout(retry);
    retry = null;
    if (!pad.isEmpty()) send();
  }
  window.addEventListener("online", function () { if (retry) again(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });

  function send() {
    if (submit.getAttribute("aria-busy") === "true") return;
    if (pad.isEmpty()) {
      say(t.sign_first);
      return;
    }
    const payload = {
      name: field("name").value,
      agency: field("agency").value,
      position: field("position").value,
      image: pad.toDataURL("image/png")
    };
    submit.setAttribute("aria-busy", "true");
    say(t.sending);
    fetch(options.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": options.csrf },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, error: { message: t.failed } }; });
    }).then(function (reply) {
      submit.removeAttribute("aria-busy");
      if (!reply.ok) {
        say((reply.error && reply.error.message) || t.failed);
        return;
      }
      say("");
      clearTimeout(retry);
      retry = null;
      pad.clear();
      options.signed(reply.entry || {});
    }, function () {
      submit.removeAttribute("aria-busy");
      say(t.offline); /* the form keeps the signature, and sends it again by itself */
      retry = setTimeout(again, RETRY_MS);
    });
  }

  /* Fill the fields once (the join record), never over what was typed. */
  let filled = false;
  function fill(record) {
    if (!record || filled) return;
    filled = true;
    ["name", "agency", "position"].forEach(function (name) {
      const input = field(name);
      if (record[name] && !input.value) input.value = record[name];
    });
  }

  return { fit: fit, fill: fill, pad: pad };
}
