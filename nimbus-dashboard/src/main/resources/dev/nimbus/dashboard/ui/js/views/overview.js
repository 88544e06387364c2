import { api, seg } from '../api.js';
import { h, card, badge, facts, table, setRows, message, errorMessage } from '../dom.js';
import { bytes, cpu, ago, time, ms, short } from '../format.js';
import { lifetime } from '../lifetime.js';
import { timeChart } from '../charts.js';

const INSTANCE_POLL_MS = 3000;
const METRICS_POLL_MS = 10000;
const ACCENT = '#2563eb';
const RED = '#dc2626';
const GRAY = '#6b7280';
const AMBER = '#d97706';

const INSTANCE_COLUMNS = [
  { label: 'Instance' }, { label: 'Version', cls: 'opt' }, { label: 'State' }, { label: 'CPU', cls: 'num' },
  { label: 'Memory', cls: 'num' }, { label: 'Peak', cls: 'num opt' }, { label: 'Last used', cls: 'opt' },
];

function instanceKind(state) {
  switch (state) {
    case 'idle': return 'ok';
    case 'busy': return 'info';
    case 'starting': return 'warn';
    case 'failed': return 'bad';
    default: return 'idle';
  }
}

function configuration(fn) {
  const env = Object.entries(fn.environment || {});
  return facts([
    ['Runtime', fn.runtime],
    ['Handler', h('code', { text: fn.handler })],
    ['Memory', `${fn.memoryMb} MB`],
    ['Timeout', `${fn.timeoutSeconds} s`],
    ['Concurrency per instance', String(fn.concurrency)],
    ['Reserved concurrency', fn.reservedConcurrency == null ? 'none' : String(fn.reservedConcurrency)],
    ['Revision', `${fn.revision} (${fn.version})`],
    ['Code', h('span', null, h('code', { title: fn.codeSha256, text: short(fn.codeSha256, 12) }), ` · ${bytes(fn.codeSize)}`)],
    ['Created', time(fn.createdAt)],
    fn.lastUpdate ? ['Last update', h('span', null, badge(fn.lastUpdate.status, fn.lastUpdate.status === 'Successful' ? 'ok' : 'bad'),
      ' ', time(fn.lastUpdate.at), fn.lastUpdate.reason ? h('div', { class: 'small', text: fn.lastUpdate.reason }) : null)] : null,
    fn.description ? ['Description', fn.description] : null,
    ['Egress', fn.egress ? 'allowed' : 'none'],
    ['Environment', env.length ? h('ul', { class: 'env' }, env.map(([k, v]) => h('li', null, h('code', { text: `${k}=${v}` }))))
      : 'none'],
  ]);
}

/** The chart panels; each returns [series for timeChart, function point → values]. */
const PANELS = [
  {
    id: 'invocations', title: 'Invocations / s',
    series: [{ label: 'invocations/s', color: ACCENT, fill: 'rgba(37,99,235,0.08)' }, { label: 'errors/s', color: RED }],
    values: (p, step) => [p.invocations / step, p.errors / step],
    total: (points) => points.reduce((a, p) => a + p.invocations, 0),
  },
  {
    id: 'duration', title: 'Duration (ms)',
    // a step without invocations has no duration: dots, so that a lone step shows
    series: [{ label: 'p50', color: ACCENT, format: ms, points: true }, { label: 'p99', color: AMBER, format: ms, points: true }],
    values: (p) => [p.p50Ms, p.p99Ms],
  },
  {
    id: 'cold-starts', title: 'Cold starts and throttles (per 10 s)',
    series: [{ label: 'cold starts', color: ACCENT }, { label: 'throttles', color: RED }],
    values: (p) => [p.coldStarts, p.throttles],
  },
  {
    id: 'instances', title: 'Instances',
    series: [{ label: 'instances', color: GRAY, fill: 'rgba(107,114,128,0.08)' }],
    values: (p) => [p.instances],
  },
];

function charts(root, name, life) {
  const status = h('div', { class: 'status-area' });
  const summary = h('p', { class: 'muted small' });
  const grid = h('div', { class: 'charts' });
  root.append(card('Last hour', { id: 'charts-card' }, summary, grid, status));
  const made = PANELS.map((panel) => {
    const box = h('div', { class: 'chart', id: `chart-${panel.id}`, dataset: { chart: panel.id } });
    grid.append(h('figure', { class: 'chart-panel' }, h('figcaption', { text: panel.title }), box));
    return { panel, chart: timeChart(box, { series: panel.series }) };
  });
  life.every(METRICS_POLL_MS, async () => {
    try {
      const m = await api(`/functions/${seg(name)}/metrics?minutes=60`, { signal: life.signal });
      const step = m.stepSeconds || 10;
      const times = m.points.map((p) => p.t);
      // the last step is still filling: a rate over the seconds it has had, not the whole step
      // (unless the browser's clock disagrees with the server's)
      const last = m.points.length ? Date.now() / 1000 - m.points[m.points.length - 1].t : step;
      const lastSeconds = last >= 1 && last <= step ? last : step;
      for (const { panel, chart } of made) {
        const columns = panel.series.map(() => []);
        m.points.forEach((p, n) => {
          panel.values(p, n === m.points.length - 1 ? lastSeconds : step).forEach((v, i) => columns[i].push(v ?? null));
        });
        chart.update(times, columns, panel.total ? panel.total(m.points) : undefined);
      }
      const total = m.points.reduce((a, p) => a + p.invocations, 0);
      const errors = m.points.reduce((a, p) => a + p.errors, 0);
      const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
      summary.textContent = `${plural(total, 'invocation')}, ${plural(errors, 'error')} in the last hour (one point per ${step} s).`;
      status.replaceChildren();
    } catch (e) {
      if (e.name !== 'AbortError') {
        status.replaceChildren(message('error', `Metrics unavailable: ${errorMessage(e)}`));
      }
    }
  });
  return () => made.forEach(({ chart }) => chart.destroy());
}

function instances(root, name, life) {
  const status = h('div', { class: 'status-area' });
  const list = table(INSTANCE_COLUMNS, [], { empty: 'Loading…' });
  const body = list.querySelector('tbody');
  root.append(card('Instances', { id: 'instances-card' }, list, status));
  life.every(INSTANCE_POLL_MS, async () => {
    try {
      const { instances: all } = await api(`/functions/${seg(name)}/instances`, { signal: life.signal });
      setRows(body, INSTANCE_COLUMNS, all.map((i) => [
        h('code', { title: i.id, text: short(i.id, 12) }),
        `${i.version} · r${i.revision}`,
        h('span', null, badge(i.state, instanceKind(i.state)), i.provisioned ? ' provisioned' : ''),
        cpu(i.cpu), bytes(i.memoryBytes), bytes(i.peakMemoryBytes),
        h('span', { title: time(i.lastUsed), text: ago(i.lastUsed) }),
      ]), 'No instances: the function is scaled to zero and starts on the next invocation.');
      status.replaceChildren();
    } catch (e) {
      if (e.name !== 'AbortError') {
        status.replaceChildren(message('error', errorMessage(e)));
      }
    }
  });
}

/** Configuration, live instances and the last hour's charts. */
export function renderOverview(root, fn) {
  const life = lifetime();
  root.append(h('div', { class: 'grid-2 grid-overview' }, card('Configuration', { id: 'config-card' }, configuration(fn)),
    h('div', { class: 'stack', id: 'instances-slot' })));
  instances(root.querySelector('#instances-slot'), fn.name, life);
  const destroyCharts = charts(root, fn.name, life);
  return () => {
    life.dispose();
    destroyCharts();
  };
}
