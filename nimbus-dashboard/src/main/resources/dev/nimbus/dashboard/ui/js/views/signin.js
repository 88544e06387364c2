import { request, session } from '../api.js';
import { h, message, errorMessage } from '../dom.js';

/** Sign in with an API key: checked against the server (GET /api/v1/functions) before it is kept. */
export function renderSignIn(root, reason) {
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'current-password', required: true,
    spellcheck: 'false', placeholder: 'NK…' });
  const status = h('div', { id: 'signin-status', class: 'status-area' }, reason ? message('error', reason) : null);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'signin-submit', text: 'Sign in' });
  const form = h('form', { class: 'card signin', id: 'signin-form' },
    h('h1', { text: 'Sign in to Nimbus' }),
    h('p', { class: 'muted', text: 'Enter an API key. The admin key is printed at the first start and kept in '
      + '<data-dir>/admin.key. The key stays in this browser tab only and is forgotten when the tab closes.' }),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'API key' }), key),
    submit, status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = key.value.trim();
    if (!value) {
      status.replaceChildren(message('error', 'Enter an API key.'));
      return;
    }
    submit.disabled = true;
    status.replaceChildren(message('info', 'Checking the key…'));
    try {
      await request('/api/v1/functions', { key: value });
      session.signIn(value);
      location.hash = '#/functions';
    } catch (e) {
      status.replaceChildren(message('error', errorMessage(e)));
    } finally {
      submit.disabled = false;
    }
  });
  root.append(h('div', { class: 'signin-wrap' }, form));
  key.focus();
  return null;
}
