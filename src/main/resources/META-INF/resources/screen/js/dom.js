// Tiny DOM helpers: elements are built, never parsed from HTML strings (no inline style or script can
// slip in, and the Content-Security-Policy needs no 'unsafe-inline').

/** An element: h('td', { class: 'num', dataset: { id: '3' } }, 'text', child…). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const byId = (id) => document.getElementById(id);

/** Sets a figure's text and marks it as changed for a moment (the wall's "tick"). */
export function setFigure(el, text, exact) {
  if (exact !== undefined) el.dataset.value = exact;
  if (el.textContent === text) return;
  const first = el.textContent === '—';
  el.textContent = text;
  if (first) return; // the first figure is not a change
  el.classList.remove('ticked');
  void el.offsetWidth; // restart the CSS animation
  el.classList.add('ticked');
}
