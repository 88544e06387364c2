import { request, seg } from '../api.js';
import { h, card, badge, field, message, errorMessage } from '../dom.js';
import { pretty, ms } from '../format.js';

/** The tail of the invocation's log from X-Amz-Log-Result (base64 of UTF-8). */
function decodeLog(base64) {
  if (!base64) {
    return '';
  }
  const raw = atob(base64);
  const b = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    b[i] = raw.charCodeAt(i);
  }
  return new TextDecoder().decode(b);
}

/**
 * The invoke console: a payload in, the response and the invocation's log out, through the Lambda
 * Invoke API with X-Amz-Log-Type: Tail (the last 4 KB of the log come back in X-Amz-Log-Result).
 */
export function renderInvoke(root, fn) {
  const qualifier = h('input', { id: 'invoke-qualifier', placeholder: '$LATEST', spellcheck: 'false', autocomplete: 'off' });
  const payload = h('textarea', { id: 'invoke-payload', class: 'code', rows: '8', spellcheck: 'false', value: '{}' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'invoke-submit', text: 'Invoke' });
  const status = h('div', { id: 'invoke-status', class: 'status-area' });
  const response = h('pre', { id: 'invoke-response', class: 'code-block', text: '' });
  const logs = h('pre', { id: 'invoke-logs', class: 'code-block log', text: '' });
  const output = h('div', { class: 'grid-2 invoke-output', hidden: true },
    card('Response', {}, response), card('Log', {}, logs));
  const form = h('form', { class: 'card', id: 'invoke-form' },
    h('div', { class: 'card-head' }, h('h2', { text: 'Invoke' })),
    h('div', { class: 'row' }, field('Version or alias', qualifier, 'Empty for $LATEST.')),
    field('Event (JSON)', payload),
    h('div', { class: 'row' }, submit), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    status.replaceChildren(message('info', 'Invoking…'));
    const q = qualifier.value.trim();
    const started = performance.now();
    try {
      const res = await request(`/2015-03-31/functions/${seg(fn.name)}/invocations${q ? `?Qualifier=${seg(q)}` : ''}`, {
        method: 'POST', body: payload.value, headers: { 'Content-Type': 'application/json', 'X-Amz-Log-Type': 'Tail' },
      });
      const elapsed = performance.now() - started;
      const text = await res.text();
      const error = res.headers.get('X-Amz-Function-Error');
      response.textContent = pretty(text);
      logs.textContent = decodeLog(res.headers.get('X-Amz-Log-Result')) || '(no log lines)';
      output.hidden = false;
      status.replaceChildren(h('p', { class: 'msg', role: 'status' },
        error ? badge(`function error (${error})`, 'bad') : badge('success', 'ok'),
        ` version ${res.headers.get('X-Amz-Executed-Version') || '?'} · request `,
        h('code', { text: res.headers.get('x-amzn-RequestId') || '?' }), ` · ${ms(Math.round(elapsed))} round trip`));
    } catch (e) {
      output.hidden = true;
      status.replaceChildren(message('error', errorMessage(e)));
    } finally {
      submit.disabled = false;
    }
  });
  root.append(form, output);
  return null;
}
