import { api, request, seg } from '../api.js';
import { h, card, field, message, errorMessage } from '../dom.js';
import { bytes } from '../format.js';

const RUNTIMES = ['python3', 'nodejs', 'java', 'provided'];
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** "KEY=value" lines as an object; throws on a line without "=". */
function environment(text) {
  const env = {};
  text.split('\n').map((l) => l.trim()).filter(Boolean).forEach((l, i) => {
    const eq = l.indexOf('=');
    if (eq <= 0) {
      throw new Error(`Environment line ${i + 1} must be KEY=value`);
    }
    env[l.slice(0, eq).trim()] = l.slice(eq + 1);
  });
  return env;
}

/**
 * Deploys from a zip: uploads it (POST /api/v1/code → sha256), then PUT /api/v1/functions/{name}
 * with the code reference and the configuration. Without a zip (an update), only the configuration
 * changes. For a new function `fn` is null.
 */
function deployForm(fn) {
  const name = h('input', { id: 'deploy-name', required: true, spellcheck: 'false', autocomplete: 'off',
    placeholder: 'orders', value: fn ? fn.name : '', disabled: Boolean(fn) });
  const runtime = h('select', { id: 'deploy-runtime' },
    RUNTIMES.map((r) => h('option', { value: r, text: r, selected: fn ? r === fn.runtime : r === 'python3' })));
  const handler = h('input', { id: 'deploy-handler', required: true, spellcheck: 'false', placeholder: 'app.handler',
    value: fn ? fn.handler : '' });
  const memory = h('input', { id: 'deploy-memory', type: 'number', min: '128', max: '10240', step: '1', value: String(fn ? fn.memoryMb : 128) });
  const timeout = h('input', { id: 'deploy-timeout', type: 'number', min: '1', max: '900', step: '1', value: String(fn ? fn.timeoutSeconds : 3) });
  const description = h('input', { id: 'deploy-description', value: fn ? fn.description || '' : '' });
  const env = h('textarea', { id: 'deploy-environment', class: 'code', rows: '3', spellcheck: 'false', placeholder: 'KEY=value',
    value: fn ? Object.entries(fn.environment || {}).map(([k, v]) => `${k}=${v}`).join('\n') : '' });
  const zip = h('input', { id: 'deploy-zip', type: 'file', accept: '.zip,.jar,application/zip', required: !fn });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'deploy-submit', text: fn ? 'Deploy update' : 'Create function' });
  const status = h('div', { id: 'deploy-status', class: 'status-area' });
  const form = h('form', { class: 'card', id: 'deploy-form' },
    h('div', { class: 'card-head' }, h('h2', { text: fn ? 'Update code or configuration' : 'Code and configuration' })),
    h('div', { class: 'form-grid' },
      field('Name', name, fn ? null : 'Letters, digits, "-" and "_", up to 64.'),
      field('Runtime', runtime), field('Handler', handler, 'e.g. app.handler (file app.py, function handler)'),
      field('Memory (MB)', memory), field('Timeout (s)', timeout), field('Description', description),
      field('Code (zip)', zip, fn ? 'Optional: leave empty to change only the configuration.' : 'A .zip (a .jar for Java) of at most 50 MB.'),
      field('Environment', env, 'One KEY=value per line.')),
    h('div', { class: 'row' }, submit), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fnName = name.value.trim();
    if (!NAME.test(fnName)) {
      status.replaceChildren(message('error', 'The name must be 1-64 letters, digits, "-" or "_".'));
      return;
    }
    submit.disabled = true;
    try {
      const body = { runtime: runtime.value, handler: handler.value.trim(), memoryMb: Number(memory.value),
        timeoutSeconds: Number(timeout.value), description: description.value, environment: environment(env.value) };
      const file = zip.files[0];
      if (file) {
        status.replaceChildren(message('info', `Uploading ${file.name} (${bytes(file.size)})…`));
        const res = await request('/api/v1/code', { method: 'POST', body: file, headers: { 'Content-Type': 'application/zip' } });
        body.codeSha256 = (await res.json()).sha256;
      }
      status.replaceChildren(message('info', 'Deploying: the new revision starts and initialises…'));
      // a new function never replaces one of the same name; an update applies only to the revision
      // this page showed, so that a deploy made meanwhile (CLI, another tab) is not undone
      const headers = fn ? {} : { 'If-None-Match': '*' };
      if (fn) {
        body.revisionId = fn.revisionId;
      }
      const deployed = await api(`/functions/${seg(fnName)}`, { method: 'PUT', body, headers });
      if (fn) {
        fn.revisionId = deployed.revisionId; // the next update from this page follows this one
      }
      const link = `#/functions/${encodeURIComponent(fnName)}`;
      status.replaceChildren(h('p', { class: 'msg msg-ok', role: 'status' },
        `Deployed ${deployed.name}, revision ${deployed.revision}. `, h('a', { href: `${link}/invoke`, text: 'Invoke it' }),
        ' or ', h('a', { href: link, text: 'see its overview' }), '.'));
      zip.value = '';
    } catch (e) {
      status.replaceChildren(message('error', e.status === 409 ? `A function named ${fnName} exists already: open it`
        + ' to update it.' : e.status === 412 ? 'The function changed since this page loaded: reload it, then'
        + ' deploy again.' : errorMessage(e)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** #/new: a new function from a zip. */
export function renderNewFunction(root) {
  root.append(h('div', { class: 'page-head' }, h('h1', { text: 'New function' })), deployForm(null));
  root.querySelector('#deploy-name').focus();
  return null;
}

/** The function page's Deploy tab: new code and/or configuration for $LATEST. */
export function renderUpdate(root, fn) {
  root.append(deployForm(fn));
  return null;
}
