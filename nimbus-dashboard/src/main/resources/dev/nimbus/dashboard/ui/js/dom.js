// Building the page. Text from the server only ever becomes text nodes or attribute values
// (textContent, setAttribute); nothing here parses HTML.

/**
 * An element: h('a', {href: '#/x', class: 'link', onclick: fn}, 'text', child, [more]).
 * Props: class, text, dataset, on* listeners, DOM properties for non-string values (value,
 * checked, disabled), attributes otherwise. Children: nodes, strings (as text), arrays; null is skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false || k === 'value') {
      continue;
    }
    if (k === 'class') {
      el.className = v;
    } else if (k === 'text') {
      el.textContent = v;
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (typeof v !== 'string' && k in el) {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  if (props && props.value !== undefined && props.value !== null) {
    el.value = props.value; // a property: a textarea's or select's value is no attribute
  }
  return el;
}

export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) {
      el.append(c instanceof Node ? c : String(c));
    }
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A card: a titled section, with optional actions at the right of its title. */
export function card(title, { actions = [], id, cls = '' } = {}, ...body) {
  return h('section', { class: `card ${cls}`.trim(), id },
    h('div', { class: 'card-head' }, h('h2', { text: title }), actions.length ? h('div', { class: 'actions' }, actions) : null),
    body);
}

/** A status badge; kind is one of ok, warn, bad, idle, info. */
export function badge(text, kind = 'idle') {
  return h('span', { class: `badge badge-${kind}`, text });
}

/** A message line for errors and results; role=alert so screen readers announce failures. */
export function message(kind, text) {
  return h('p', { class: `msg msg-${kind}`, role: kind === 'error' ? 'alert' : 'status', text });
}

/** The message of an error, as the server stated it. */
export function errorMessage(e) {
  return e && e.message ? e.message : String(e);
}

/** A table in a horizontally scrolling wrapper; columns: [{label, cls}], rows: arrays of cells. */
export function table(columns, rows, { empty = 'Nothing yet.', cls = '' } = {}) {
  const head = h('tr', null, columns.map((c) => h('th', { class: c.cls, scope: 'col', text: c.label })));
  const body = h('tbody');
  setRows(body, columns, rows, empty);
  return h('div', { class: 'table-wrap' }, h('table', { class: `table ${cls}`.trim() }, h('thead', null, head), body));
}

/** Replaces a table body's rows (a row may be a ready <tr>). */
export function setRows(body, columns, rows, empty = 'Nothing yet.') {
  if (!rows.length) {
    fill(body, h('tr', null, h('td', { class: 'empty', colspan: String(columns.length), text: empty })));
    return;
  }
  fill(body, rows.map((r) => (r instanceof Node ? r
    : h('tr', null, r.map((cell, i) => h('td', { class: columns[i].cls }, cell))))));
}

/** A definition list of [label, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', { text: k }), h('dd', null, v)]));
}

/** A labelled form field around an input element. */
export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), input,
    hint ? h('span', { class: 'field-hint', text: hint }) : null);
}
