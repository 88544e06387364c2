import { api } from '../api.js';
import { h, badge, card, table, setRows, message, errorMessage } from '../dom.js';
import { num } from '../format.js';
import { lifetime } from '../lifetime.js';

const POLL_MS = 3000;

const COLUMNS = [
  { label: 'Name' },
  { label: 'Runtime', cls: 'opt' },
  { label: 'State' },
  { label: 'Instances', cls: 'num' },
  { label: 'In flight', cls: 'num' },
  { label: 'Cold starts', cls: 'num opt' },
];

/** What a function is doing now, from its last update and its pool's totals (GET /api/v1/top). */
export function stateOf(fn, top) {
  if (fn.lastUpdate && fn.lastUpdate.status === 'Failed') {
    return badge('update failed', 'bad');
  }
  if (!top || (top.actualInstances === 0 && top.startingInstances === 0)) {
    return badge('scaled to zero', 'idle');
  }
  if (top.inFlight > 0) {
    return badge('busy', 'info');
  }
  if (top.startingInstances > 0) {
    return badge('starting', 'warn');
  }
  return badge('ready', 'ok');
}

/** The functions with live status, polled every few seconds. */
export function renderFunctions(root) {
  const life = lifetime();
  const status = h('div', { class: 'status-area' });
  const list = table(COLUMNS, [], { empty: 'Loading…', cls: 'functions' });
  const body = list.querySelector('tbody');
  const count = h('span', { class: 'muted' });
  root.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Functions ', count),
      h('a', { class: 'btn btn-primary', href: '#/new', text: 'New function' })),
    card('All functions', { id: 'functions-card' }, h('p', { class: 'muted small', text: `Live: refreshed every ${POLL_MS / 1000} s.` }), list, status));
  life.every(POLL_MS, async () => {
    try {
      const [functions, top] = await Promise.all([api('/functions', { signal: life.signal }), api('/top', { signal: life.signal })]);
      const byName = new Map(top.functions.map((t) => [t.function, t]));
      const rows = functions.functions.sort((a, b) => a.name.localeCompare(b.name)).map((fn) => {
        const t = byName.get(fn.name);
        return h('tr', { dataset: { function: fn.name } },
          h('td', null, h('a', { href: `#/functions/${encodeURIComponent(fn.name)}`, class: 'strong', text: fn.name })),
          h('td', { class: 'opt', text: fn.runtime }),
          h('td', null, stateOf(fn, t)),
          h('td', { class: 'num', text: t ? `${t.actualInstances}` : '0' }),
          h('td', { class: 'num', text: num(t ? t.inFlight : 0) }),
          h('td', { class: 'num opt', text: num(t ? t.coldStarts : 0) }));
      });
      count.textContent = `(${rows.length})`;
      setRows(body, COLUMNS, rows, 'No functions yet. Deploy one from a zip with "New function".');
      status.replaceChildren();
    } catch (e) {
      if (e.name !== 'AbortError') {
        status.replaceChildren(message('error', errorMessage(e)));
      }
    }
  });
  return life.dispose;
}
