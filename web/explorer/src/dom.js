// A few DOM helpers. Every piece of text from the API goes through
// textContent (never innerHTML), so names and quotes cannot inject markup,
// and styles are set through the CSSOM, which the page's strict
// Content-Security-Policy allows.

/**
 * Creates an element: h('a.link', {href: '/x', onclick: fn}, 'text', child).
 * The tag may carry classes after dots. Attributes named on* become event
 * listeners, `dataset` and `style` objects are merged in, boolean true sets
 * an empty attribute and false/null/undefined leave it out. Children may be
 * strings, numbers, nodes, arrays of them, or null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style') {
      Object.assign(el.style, value);
    } else if (key === 'class') {
      el.className = [el.className, value].filter(Boolean).join(' ');
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** document.getElementById that fails loudly when the page lacks the element. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explorer: the page has no #${id}`);
  return el;
}

/** Returns a function that runs `fn` once calls have paused for `ms`. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A small inline SVG icon from a path list (24x24 viewBox, stroked). */
export function icon(paths, label) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  for (const d of [].concat(paths)) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

/** Icon paths used across the page. */
export const ICONS = {
  search: ['M11 4a7 7 0 1 0 0 14a7 7 0 0 0 0-14z', 'M20 20l-4-4'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  plus: ['M12 5v14', 'M5 12h14'],
  minus: ['M5 12h14'],
  fit: ['M4 9V4h5', 'M20 9V4h-5', 'M4 15v5h5', 'M20 15v5h-5'],
  swap: ['M7 4v16', 'M4 7l3-3l3 3', 'M17 20V4', 'M14 17l3 3l3-3'],
  download: ['M12 4v11', 'M7 10l5 5l5-5', 'M5 20h14'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5'],
  filter: ['M4 5h16', 'M7 12h10', 'M10 19h4'],
  route: ['M6 19a2 2 0 1 0 0-4a2 2 0 0 0 0 4z', 'M18 9a2 2 0 1 0 0-4a2 2 0 0 0 0 4z', 'M8 17h5a3 3 0 0 0 0-6h-2a3 3 0 0 1 0-6h5'],
  graph: ['M6 7a2 2 0 1 0 0-4a2 2 0 0 0 0 4z', 'M18 11a2 2 0 1 0 0-4a2 2 0 0 0 0 4z', 'M8 21a2 2 0 1 0 0-4a2 2 0 0 0 0 4z', 'M7.5 6.5l9 2.5', 'M6.5 7l1.2 10', 'M16.5 10.5l-7.3 7.3'],
  chart: ['M4 20h16', 'M7 16V10', 'M12 16V5', 'M17 16v-4'],
  code: ['M9 8l-4 4l4 4', 'M15 8l4 4l-4 4'],
  link: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  key: ['M7.5 16.5a4.5 4.5 0 1 0 0-9a4.5 4.5 0 0 0 0 9z', 'M12 12h9', 'M18 12v3', 'M21 12v2'],
};
