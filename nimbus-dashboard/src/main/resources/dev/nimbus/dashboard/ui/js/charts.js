// Time-series charts with uPlot (served from its webjar). Each chart's container states what it
// shows in data attributes, for people and tests alike: data-points (time steps), data-non-empty
// (steps with a value above zero in any series) and data-total (the first series' sum, as counted).
import uPlot from '../vendor/uplot/uPlot.esm.js';

const AXIS = { stroke: '#6b7280', grid: { stroke: '#eef0f3', width: 1 }, ticks: { stroke: '#e5e7eb', width: 1 } };

/**
 * A chart in `container`: series [{label, color, fill, format, points}]; returns {update(times, columns, total), destroy()}.
 * times are epoch seconds; columns one array per series (null for no value).
 */
export function timeChart(container, { series, height = 170 }) {
  const width = () => Math.max(container.clientWidth, 200);
  const opts = {
    width: width(),
    height,
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [{ ...AXIS }, { ...AXIS, size: 48, values: (u, vals) => vals.map((v) => compact(v)) }],
    series: [
      { value: (u, v) => (v == null ? '—' : new Date(v * 1000).toLocaleTimeString()) },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        fill: s.fill || undefined,
        spanGaps: false,
        points: { show: Boolean(s.points), size: 5, fill: s.color },
        value: (u, v) => (v == null ? '—' : s.format ? s.format(v) : compact(v)),
      })),
    ],
  };
  const plot = new uPlot(opts, [[], ...series.map(() => [])], container);
  const observer = new ResizeObserver(() => {
    if (Math.abs(plot.width - width()) > 1) {
      plot.setSize({ width: width(), height });
    }
  });
  observer.observe(container);
  return {
    update(times, columns, total) {
      plot.setData([times, ...columns]);
      const data = plot.data;
      let nonEmpty = 0;
      for (let i = 0; i < data[0].length; i++) {
        if (data.slice(1).some((col) => col[i] !== null && col[i] > 0)) {
          nonEmpty++;
        }
      }
      container.dataset.points = String(data[0].length);
      container.dataset.nonEmpty = String(nonEmpty);
      container.dataset.total = String(total ?? data[1].reduce((a, v) => a + (v ?? 0), 0));
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}

function compact(v) {
  if (v === null || v === undefined) {
    return '';
  }
  const a = Math.abs(v);
  if (a >= 1e6) {
    return `${+(v / 1e6).toFixed(1)}M`;
  }
  if (a >= 1e3) {
    return `${+(v / 1e3).toFixed(1)}k`;
  }
  return a >= 10 || a === 0 ? String(Math.round(v)) : String(+v.toFixed(2));
}
