import { api, request, seg } from '../api.js';
import { h, card, field, message, errorMessage } from '../dom.js';
import { clock, short } from '../format.js';
import { lifetime } from '../lifetime.js';

const MAX_LINES = 5000;

function line(r) {
  return h('div', { class: 'log-line' }, h('span', { class: 'log-time', text: clock(r.time) }),
    h('span', { class: 'log-req', title: r.requestId || 'initialisation', text: r.requestId ? short(r.requestId) : 'init' }),
    h('span', { class: 'log-msg', text: r.message }));
}

/**
 * Reads server-sent events from a fetch response (EventSource cannot send the Authorization
 * header): each "data:" block is one JSON log record.
 */
async function stream(response, onRecord) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (data) {
        onRecord(JSON.parse(data));
      }
    }
  }
}

/** The function's recent log; "Follow" streams new lines as they are written. */
export function renderLogs(root, fn) {
  let life = lifetime();
  const limit = h('select', { id: 'logs-limit' }, ['100', '500', '1000'].map((n) => h('option', { value: n, text: `last ${n}` })));
  const follow = h('input', { type: 'checkbox', id: 'logs-follow' });
  const out = h('div', { class: 'code-block log logs', id: 'logs-output', role: 'log', 'aria-live': 'off' });
  const status = h('div', { class: 'status-area' });

  const add = (r) => {
    const atEnd = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
    out.append(line(r));
    while (out.childElementCount > MAX_LINES) {
      out.firstElementChild.remove();
    }
    if (atEnd) {
      out.scrollTop = out.scrollHeight;
    }
  };

  async function load() {
    life.dispose();
    life = lifetime();
    const current = life;
    out.replaceChildren();
    status.replaceChildren();
    try {
      if (!follow.checked) {
        const { logs } = await api(`/functions/${seg(fn.name)}/logs?limit=${limit.value}`, { signal: current.signal });
        logs.forEach(add);
        if (!logs.length) {
          status.replaceChildren(message('info', 'No log lines yet.'));
        }
        out.scrollTop = out.scrollHeight;
        return;
      }
      status.replaceChildren(message('info', 'Following: new lines appear as they are written.'));
      const res = await request(`/api/v1/functions/${seg(fn.name)}/logs?follow=true&limit=${limit.value}`,
        { signal: current.signal, headers: { Accept: 'text/event-stream' } });
      await stream(res, add);
      if (current.alive) {
        status.replaceChildren(message('info', 'The stream ended (the function was deleted or the server stopped).'));
      }
    } catch (e) {
      if (e.name !== 'AbortError') {
        status.replaceChildren(message('error', errorMessage(e)));
      }
    }
  }

  limit.addEventListener('change', load);
  follow.addEventListener('change', load);
  const reload = h('button', { type: 'button', class: 'btn', text: 'Reload', onclick: load });
  root.append(card('Logs', {
    id: 'logs-card', actions: [field('Lines', limit), h('label', { class: 'check' }, follow, ' Follow'), reload],
  }, out, status));
  load();
  return () => life.dispose();
}
