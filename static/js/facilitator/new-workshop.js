/* A new workshop's form: its time zone starts at this laptop's (WIB, WITA or
 * WIT, by the offsets the options carry; WIB when none matches). A form sent
 * back with an error keeps what was chosen (the server leaves the mark off). */

const select = document.querySelector("form[data-laptop-zone] select[name=time_zone]");
if (select) {
  const offset = String(-new Date().getTimezoneOffset());
  const match = Array.prototype.find.call(select.options, function (option) {
    return option.getAttribute("data-offset") === offset;
  });
  select.value = match ? match.value : select.options[0].value;
}
