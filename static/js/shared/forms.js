/* Forms marked data-once: a second tap while the first is on its way does
 * nothing (the server also makes a repeated join harmless). The button comes
 * back after a while in case the network dropped the first attempt. */

document.querySelectorAll("form[data-once]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-sending")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sending", "1");
    const buttons = form.querySelectorAll("button[type=submit]");
    setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; });
    }, 0);
    setTimeout(function () {
      form.removeAttribute("data-sending");
      buttons.forEach(function (b) { b.disabled = false; });
    }, 8000);
  });
});
