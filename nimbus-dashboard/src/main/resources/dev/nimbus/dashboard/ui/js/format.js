// How numbers, sizes and times read on the page.

const nf = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const num = (n) => (n === null || n === undefined ? '—' : nf.format(n));

export function ms(x) {
  if (x === null || x === undefined) {
    return '—';
  }
  return x >= 1000 ? `${nf.format(x / 1000)} s` : `${nf.format(x)} ms`;
}

export function bytes(n) {
  if (n === null || n === undefined) {
    return '—';
  }
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${nf.format(n)} ${units[i]}`;
}

/** CPU in cores over the last seconds, as a share of one core. */
export const cpu = (cores) => (cores === null || cores === undefined ? '—' : `${nf.format(cores * 100)} %`);

export function time(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** "12 s ago", "5 min ago"; the full time in a title is up to the caller. */
export function ago(iso) {
  if (!iso) {
    return '—';
  }
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (Number.isNaN(s)) {
    return String(iso);
  }
  if (s < 60) {
    return `${Math.max(s, 0)} s ago`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ago`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h ago`;
  }
  return new Date(iso).toLocaleDateString();
}

/** HH:MM:SS.mmm of a log line. */
export function clock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export const short = (id, n = 8) => (id && id.length > n ? id.slice(0, n) : id || '—');

/** JSON pretty-printed when the text is JSON, else the text. */
export function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The badge kind of an invocation outcome or an event status. */
export function outcomeKind(outcome) {
  switch (outcome) {
    case 'success':
    case 'delivered':
      return 'ok';
    case 'throttled':
    case 'retrying':
    case 'pending':
    case 'in_flight':
      return 'warn';
    default:
      return 'bad';
  }
}
