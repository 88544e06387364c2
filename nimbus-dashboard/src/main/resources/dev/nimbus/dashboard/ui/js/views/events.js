import { api, seg } from '../api.js';
import { h, card, table, message, errorMessage } from '../dom.js';
import { time, ago, short } from '../format.js';

/** Runs tasks at most `n` at a time (one request per function must not flood the server). */
async function limited(items, n, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

async function topics(slot) {
  const { topics: all } = await api('/topics');
  const subs = await limited(all, 4, (t) => api(`/topics/${seg(t.name)}/subscriptions`));
  slot.replaceChildren(table([{ label: 'Topic' }, { label: 'Subscriptions' }, { label: 'Created', cls: 'opt' }],
    all.map((t, i) => [h('strong', { text: t.name }),
      subs[i].subscriptions.length ? h('ul', { class: 'plain' }, subs[i].subscriptions.map((s) => h('li', null,
        h('span', { text: `${s.name} → ` }), h('a', { href: `#/functions/${encodeURIComponent(s.function)}`, text: s.function }),
        s.qualifier ? `:${s.qualifier}` : '', s.filter ? h('code', { class: 'small block', text: JSON.stringify(s.filter) }) : null)))
        : h('span', { class: 'muted', text: 'none' }),
      time(t.createdAt)]), { empty: 'No topics.' }));
}

async function schedules(slot) {
  const { schedules: all } = await api('/schedules');
  slot.replaceChildren(table([{ label: 'Schedule' }, { label: 'Function' }, { label: 'Expression' },
    { label: 'Next tick', cls: 'opt' }, { label: 'Last tick', cls: 'opt' }, { label: 'Skipped', cls: 'num opt' }],
  all.map((s) => [h('strong', { text: s.name }),
    h('span', null, h('a', { href: `#/functions/${encodeURIComponent(s.function)}`, text: s.function }), s.qualifier ? `:${s.qualifier}` : ''),
    h('code', { text: `${s.expression}${s.timeZone && s.timeZone !== 'UTC' ? ` (${s.timeZone})` : ''}` }),
    time(s.nextFireAt), s.lastFiredAt ? ago(s.lastFiredAt) : 'never', String(s.skipped)]), { empty: 'No schedules.' }));
}

/** Dead letters of every function, each with redrive and delete. */
async function deadLetters(slot, status) {
  const { functions } = await api('/functions');
  const names = functions.map((f) => f.name).sort();
  const lists = await limited(names, 4, (n) => api(`/functions/${seg(n)}/async?status=dead_lettered&limit=100`));
  const rows = [];
  names.forEach((n, i) => lists[i].events.forEach((e) => rows.push({ fn: n, e })));
  const act = async (button, path, method, verb) => {
    button.disabled = true;
    try {
      const r = await api(path, { method });
      const n = r.redriven ?? r.purged ?? 0;
      await deadLetters(slot, status);
      status.replaceChildren(message('ok', `${verb} ${n} dead letter${n === 1 ? '' : 's'}.`));
    } catch (e) {
      button.disabled = false;
      status.replaceChildren(message('error', errorMessage(e)));
    }
  };
  slot.replaceChildren(table([{ label: 'Function' }, { label: 'Event' }, { label: 'Attempts', cls: 'num opt' },
    { label: 'Accepted', cls: 'opt' }, { label: 'Last error' }, { label: '' }],
  rows.map(({ fn, e }) => {
    const redrive = h('button', { type: 'button', class: 'btn btn-small btn-primary', text: 'Redrive', dataset: { redrive: e.id } });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger', text: 'Delete', dataset: { purge: e.id } });
    const base = `/functions/${seg(fn)}/dead-letters`;
    redrive.addEventListener('click', () => act(redrive, `${base}/redrive?id=${seg(e.id)}`, 'POST', 'Redrove'));
    remove.addEventListener('click', () => act(remove, `${base}?id=${seg(e.id)}`, 'DELETE', 'Deleted'));
    return h('tr', { dataset: { event: e.id } },
      h('td', null, h('a', { href: `#/functions/${encodeURIComponent(fn)}`, text: fn }), e.qualifier ? `:${e.qualifier}` : ''),
      h('td', null, h('code', { title: e.id, text: short(e.id, 13) })),
      h('td', { class: 'num opt', text: String(e.attempts) }),
      h('td', { class: 'opt', title: time(e.acceptedAt), text: ago(e.acceptedAt) }),
      h('td', { class: 'wrap', text: e.lastError || '—' }),
      h('td', { class: 'actions-cell' }, redrive, ' ', remove));
  }), { empty: 'No dead letters: every asynchronous event was delivered or is still being tried.' }));
}

/** Topics with their subscriptions, schedules, and dead letters with redrive. */
export function renderEvents(root) {
  const dlqStatus = h('div', { class: 'status-area', id: 'dead-letters-status' });
  const slots = { topics: h('div', { text: 'Loading…' }), schedules: h('div', { text: 'Loading…' }), dead: h('div', { text: 'Loading…' }) };
  const refresh = h('button', { type: 'button', class: 'btn', text: 'Refresh' });
  root.append(h('div', { class: 'page-head' }, h('h1', { text: 'Events' }), refresh),
    card('Dead letters', { id: 'dead-letters-card' }, h('p', { class: 'muted small' },
      'Asynchronous events given up on. Redrive puts one back in line as new: its attempts and maximum age start over.'),
    slots.dead, dlqStatus),
    card('Topics', { id: 'topics-card' }, slots.topics), card('Schedules', { id: 'schedules-card' }, slots.schedules));
  const load = () => {
    const fail = (slot) => (e) => slot.replaceChildren(message('error', errorMessage(e)));
    topics(slots.topics).catch(fail(slots.topics));
    schedules(slots.schedules).catch(fail(slots.schedules));
    deadLetters(slots.dead, dlqStatus).catch(fail(slots.dead));
  };
  refresh.addEventListener('click', load);
  load();
  return null;
}
