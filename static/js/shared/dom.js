/* The small DOM helpers every page uses. User text always goes in as text,
 * never as HTML; updates write only what changed, so focus, open panels and
 * half-typed text survive a redraw. */

/* The JSON a template put in <script type="application/json" id=...>. */
export function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

/* Build an element. attrs: text, className, on<event> handlers, other attributes
 * (true: present and empty; null, undefined, false: absent). */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) {
    const value = attrs[key];
    if (value === null || value === undefined || value === false) return;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else if (key.indexOf("on") === 0) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

export function setText(node, text) {
  const value = text === null || text === undefined ? "" : String(text);
  if (node.textContent !== value) node.textContent = value;
}

export function show(node, visible) {
  if (node.hidden === !!visible) node.hidden = !visible;
}

export function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/* Make `parent`'s children exactly `nodes`, in order, moving only what is out of place. */
export function syncChildren(parent, nodes) {
  nodes.forEach(function (node, index) {
    const current = parent.childNodes[index];
    if (current !== node) parent.insertBefore(node, current || null);
  });
  while (parent.childNodes.length > nodes.length) parent.removeChild(parent.lastChild);
}

/* Run a DOM update and give focus back to the element that had it, if the
 * update moved it (moving a node blurs whatever was focused inside it). */
export function keepFocus(update) {
  const active = document.activeElement;
  update();
  if (active && active !== document.body && document.activeElement !== active && document.contains(active)) {
    active.focus({ preventScroll: true });
  }
}

/* "{n} cards" with {n: 3} -> "3 cards". */
export function fmt(text, vars) {
  return String(text).replace(/\{(\w+)\}/g, function (match, key) {
    return vars && key in vars ? String(vars[key]) : match;
  });
}

/* A text shortened to `length` characters on one line. */
export function short(text, length) {
  const clean = String(text || "").replace(/\s+/g, " ").trim();
  const max = length || 60;
  return clean.length > max ? clean.slice(0, max - 1) + "…" : clean;
}

/* Run `fn` once soon, however often this is called before it runs. */
export function debounced(fn, ms) {
  let timer = null;
  return function () {
    if (timer !== null) return;
    timer = setTimeout(function () {
      timer = null;
      fn();
    }, ms || 0);
  };
}

/* Drop the keys of `map` that `keep(key)` says are gone. */
export function prune(map, keep) {
  Object.keys(map).forEach(function (key) {
    if (!keep(key)) delete map[key];
  });
}
