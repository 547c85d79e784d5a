/* attendance: the cockpit's panel while an attendance step is current: the
 * day's count and who signed (rows keyed by entry, each drawn once), small
 * signatures (for the facilitator only: the pictures come over HTTP, from a
 * route that refuses anyone else), and the committee's and speakers' signing
 * links with their QR codes. */

import { el, fmt, readJSON, setText, show, syncChildren } from "../shared/dom.js";
import { registerActivity } from "../shared/activities.js";
import { KIND, countOf, entriesOf } from "../shared/attendance-state.js";

function mount(ctx, root) {
  const t = readJSON("attendance-strings");
  const code = root.getAttribute("data-code");
  const q = function (name) { return root.querySelector("[data-" + name + "]"); };
  const rows = {}; // entry id -> {tr, key}

  function row(entry, n) {
    const key = [entry.name, entry.agency, entry.position, entry.role, entry.signed_at].join("|");
    let item = rows[entry.id];
    if (!item || item.key !== key) {
      const img = el("img", {
        className: "fac-signature",
        alt: fmt(t.signature_of, { name: entry.name }),
        loading: "lazy",
        height: 32,
        src: "/w/" + code + "/attendance/" + entry.id + "/signature.png?v=" + encodeURIComponent(entry.signed_at)
      });
      item = rows[entry.id] = {
        key: key,
        number: el("td"),
        tr: null
      };
      item.tr = el("tr", { "data-entry": entry.id }, [
        item.number,
        el("td", { text: entry.name }),
        el("td", { text: entry.agency }),
        el("td", { text: entry.position || "" }),
        el("td", { text: t["role_" + entry.role] || entry.role }),
        el("td", {}, [img])
      ]);
    }
    setText(item.number, String(n));
    return item.tr;
  }

  function renderLinks(links) {
    root.querySelectorAll("[data-sign-link]").forEach(function (box) {
      const role = box.getAttribute("data-sign-link");
      const url = links && links[role];
      const input = box.querySelector("[data-sign-url]");
      const qr = box.querySelector("[data-sign-qr]");
      show(input, !!url);
      show(qr, !!url);
      if (url && input.value !== url) {
        input.value = url;
        qr.src = "/w/" + code + "/attendance/links/" + role + "/qr.svg?u=" + encodeURIComponent(url);
      }
      setText(box.querySelector("[data-sign-open]"), url ? t.renew : t.open);
    });
  }

  root.querySelectorAll("[data-sign-link]").forEach(function (box) {
    const role = box.getAttribute("data-sign-link");
    const open = box.querySelector("[data-sign-open]");
    open.addEventListener("click", function () {
      const state = ctx.store.activities[KIND] || {};
      const renew = !!(state.links && state.links[role]);
      ctx.send("attendance:link", { role: role, renew: renew }, {
        area: box.querySelector("[data-sign-error]"),
        button: open,
        ok: function (reply) {
          ctx.store.activities[KIND] = Object.assign({}, ctx.store.activities[KIND], { links: reply.links });
          renderLinks(reply.links);
        }
      });
    });
  });

  /* Another cockpit opened a link (`attendance.links` names no secret): ask for the addresses. */
  function linksChanged() {
    ctx.send("attendance:links", {}, {
      ok: function (reply) {
        ctx.store.activities[KIND] = Object.assign({}, ctx.store.activities[KIND], { links: reply.links });
        renderLinks(reply.links);
      }
    });
  }

  return {
    render: function (state, phase, change) {
      if (change.type === "attendance.links") linksChanged();
      const day = (phase && phase.day) || 1;
      setText(q("attendance-day"), fmt(t.day, { day: day }));
      setText(q("attendance-count"), fmt(t.count, { n: countOf(state, day), total: ctx.store.roster.total || 0 }));
      syncChildren(q("attendance-rows"), entriesOf(state, day).map(function (entry, i) { return row(entry, i + 1); }));
      renderLinks(state.links);
    }
  };
}

registerActivity(KIND, { mount: mount });
