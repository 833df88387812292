// Building the page from data without innerHTML: every value a platform or a person sent is text, never markup.

/** An element: h('td', {class: 'x', onclick: fn}, 'text', childNode, [more]). */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what the node shows. */
export function show(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A table with a header row; wrapped so that a wide one scrolls on its own on a phone. */
export function table(headings, rows, props = {}) {
  return h('div', {class: 'table-wrap'},
    h('table', props,
      h('thead', {}, h('tr', {}, headings.map(heading => h('th', {scope: 'col'}, heading)))),
      h('tbody', {}, rows)));
}

/** A time as the browser's locale writes it, with how long ago; an empty dash for none. */
export function when(iso) {
  if (!iso) return '—';
  const at = new Date(iso);
  return `${at.toLocaleString()} (${ago(at)})`;
}

export function ago(at) {
  const seconds = Math.round((Date.now() - at.getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A duration in seconds, the way a person reads it. */
export function duration(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** A field's value as text: strings as they are, the rest (numbers, lists, flags) as JSON. */
export function value(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A button that runs an action once at a time: disabled while it runs. */
export function button(label, action, props = {}) {
  const node = h('button', {type: 'button', ...props}, label);
  node.addEventListener('click', async () => {
    node.disabled = true;
    try {
      await action();
    } finally {
      node.disabled = false;
    }
  });
  return node;
}
