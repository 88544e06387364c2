import { api, seg } from '../api.js';
import { h, card, badge, field, message, errorMessage, facts } from '../dom.js';
import { ms, time, clock, short, outcomeKind, num } from '../format.js';
import { lifetime } from '../lifetime.js';

const PAGE = 25;
const POLL_MS = 5000;
const OUTCOMES = ['success', 'function_error', 'init_error', 'timeout', 'throttled', 'platform_error'];
const COLUMNS = [{ label: 'Arrived' }, { label: 'Request', cls: 'opt' }, { label: 'Version', cls: 'opt' },
  { label: 'Start', cls: 'opt' }, { label: 'Duration', cls: 'num' }, { label: 'Outcome' }, { label: '' }];

/** The time of day to the millisecond, with the date when it is not today. */
function arrived(iso) {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? clock(iso) : `${d.toLocaleDateString()} ${clock(iso)}`;
}

/** The log lines of one invocation: from the record, else from the function's recent log. */
async function logOf(name, inv, signal) {
  if (Array.isArray(inv.log)) {
    return inv.log;
  }
  const { logs } = await api(`/functions/${seg(name)}/logs?limit=2000`, { signal });
  return logs.filter((r) => r.requestId === inv.requestId).map((r) => r.message);
}

function details(name, inv, signal) {
  const log = h('pre', { class: 'code-block log', text: 'Loading the log…' });
  logOf(name, inv, signal).then((lines) => {
    log.textContent = lines.length ? lines.join('\n') : '(no log lines kept for this invocation)';
  }).catch((e) => {
    log.textContent = `The log could not be read: ${errorMessage(e)}`;
  });
  const c = inv.coldStart;
  return h('div', { class: 'invocation-details' }, facts([
    ['Request id', h('code', { text: inv.requestId })],
    inv.trigger ? ['Trigger', inv.trigger] : null,
    inv.instanceId ? ['Instance', h('code', { text: inv.instanceId })] : null,
    ['Queued', ms(inv.queuedMs)],
    c ? ['Cold start', `spawn ${ms(c.spawnMs)} · runtime init ${ms(c.runtimeInitMs)}${c.handlerInitMs != null ? ` · handler init ${ms(c.handlerInitMs)}` : ''}`] : null,
    inv.errorType ? ['Error type', h('code', { text: inv.errorType })] : null,
    inv.maxMemoryMb != null ? ['Max memory', `${num(inv.maxMemoryMb)} MB`] : null,
    inv.traceId ? ['Trace', h('code', { text: inv.traceId })] : null,
  ]), log);
}

/** Recent invocations, newest first, each with its log; a filter by outcome and paging by cursor. */
export function renderInvocations(root, fn) {
  const life = lifetime();
  const outcome = h('select', { id: 'invocations-outcome' }, h('option', { value: '', text: 'All outcomes' }),
    OUTCOMES.map((o) => h('option', { value: o, text: o.replace('_', ' ') })));
  const refresh = h('button', { type: 'button', class: 'btn', text: 'Refresh' });
  const more = h('button', { type: 'button', class: 'btn', text: 'Load older', hidden: true });
  const body = h('tbody');
  const status = h('div', { class: 'status-area' });
  let cursor = null;
  let expanded = 0;
  let pages = 0;

  function row(inv) {
    const toggle = h('button', { type: 'button', class: 'btn btn-small', text: 'Log', 'aria-expanded': 'false' });
    const tr = h('tr', { dataset: { requestId: inv.requestId } },
      h('td', { title: time(inv.arrived), text: arrived(inv.arrived) }),
      h('td', { class: 'opt' }, h('code', { title: inv.requestId, text: short(inv.requestId) })),
      h('td', { class: 'opt', text: inv.version || '—' }),
      h('td', { class: 'opt' }, inv.start ? badge(inv.start, inv.start === 'cold' ? 'warn' : 'idle') : '—'),
      h('td', { class: 'num', text: ms(inv.durationMs) }),
      h('td', null, badge(inv.outcome.replace('_', ' '), outcomeKind(inv.outcome))),
      h('td', null, toggle));
    let detail = null;
    toggle.addEventListener('click', () => {
      if (detail) {
        detail.remove();
        detail = null;
        expanded--;
        toggle.setAttribute('aria-expanded', 'false');
        return;
      }
      detail = h('tr', { class: 'detail-row' }, h('td', { colspan: String(COLUMNS.length) }, details(fn.name, inv, life.signal)));
      tr.after(detail);
      expanded++;
      toggle.setAttribute('aria-expanded', 'true');
    });
    return tr;
  }

  async function load(reset) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (outcome.value) {
      q.set('outcome', outcome.value);
    }
    if (!reset && cursor) {
      q.set('cursor', cursor);
    }
    const page = await api(`/functions/${seg(fn.name)}/invocations?${q}`, { signal: life.signal });
    if (reset) {
      body.replaceChildren();
      expanded = 0;
      pages = 0;
    }
    pages++;
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    page.invocations.forEach((inv) => body.append(row(inv)));
    if (!body.children.length) {
      body.append(h('tr', null, h('td', { class: 'empty', colspan: String(COLUMNS.length), text: 'No invocations yet.' })));
    }
    status.replaceChildren();
  }

  const report = (e) => {
    if (e.name !== 'AbortError') {
      status.replaceChildren(message('error', errorMessage(e)));
    }
  };
  outcome.addEventListener('change', () => load(true).catch(report));
  refresh.addEventListener('click', () => load(true).catch(report));
  more.addEventListener('click', () => load(false).catch(report));
  root.append(card('Recent invocations', { id: 'invocations-card', actions: [field('Outcome', outcome), refresh] },
    h('p', { class: 'muted small', text: 'Newest first; refreshed every 5 s while no log is open. "Log" shows the invocation\'s log lines.' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'invocations-table' },
      h('thead', null, h('tr', null, COLUMNS.map((c) => h('th', { scope: 'col', class: c.cls, text: c.label })))), body)),
    h('div', { class: 'row' }, more), status));
  life.every(POLL_MS, async () => {
    if (expanded === 0 && pages <= 1) {
      await load(true).catch(report);
    }
  });
  return life.dispose;
}
