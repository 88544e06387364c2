import { api, seg } from '../api.js';
import { h, card, field, table, message, errorMessage } from '../dom.js';
import { time, short, num } from '../format.js';

/** "1 (75 %), 2 (25 %)" or "1". */
function routing(a) {
  if (!a.additionalVersion || !a.additionalWeight) {
    return `version ${a.version}`;
  }
  const extra = a.additionalWeight * 100;
  return `version ${a.version} (${num(100 - extra)} %), version ${a.additionalVersion} (${num(extra)} %)`;
}

function options(versions, selected, withNone) {
  const list = withNone ? [h('option', { value: '', text: 'none' })] : [];
  return list.concat(versions.map((v) => h('option', { value: v, text: v, selected: v === selected })));
}

/**
 * The form that creates or changes an alias: its version, optionally a second version with a
 * share of the traffic (a weight in percent, sent as 0-1), and a description.
 */
function aliasForm(fn, versions, alias, onSaved) {
  const published = versions.filter((v) => v !== '$LATEST');
  const name = h('input', { id: 'alias-name', value: alias ? alias.name : '', required: true, spellcheck: 'false',
    disabled: Boolean(alias), placeholder: 'live' });
  const version = h('select', { id: 'alias-version' }, options(versions, alias ? alias.version : published.at(-1) || '$LATEST', false));
  const extra = h('select', { id: 'alias-additional-version' }, options(published, alias ? alias.additionalVersion : null, true));
  const weight = h('input', { id: 'alias-weight', type: 'number', min: '0', max: '100', step: '0.1', inputmode: 'decimal',
    value: alias && alias.additionalWeight ? String(+(alias.additionalWeight * 100).toFixed(2)) : '0' });
  const description = h('input', { id: 'alias-description', value: alias ? alias.description || '' : '' });
  const status = h('div', { class: 'status-area', id: 'alias-status' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'alias-save', text: alias ? 'Save alias' : 'Create alias' });
  const form = h('form', { class: 'alias-form', id: 'alias-form' },
    h('h3', { text: alias ? `Alias ${alias.name}` : 'New alias' }),
    h('div', { class: 'form-grid' }, field('Name', name), field('Version', version),
      field('Second version', extra, 'Receives the share below.'), field('Share of the second version (%)', weight),
      field('Description', description)),
    h('div', { class: 'row' }, save), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const share = Number(weight.value);
    if (!Number.isFinite(share) || share < 0 || share > 100) {
      status.replaceChildren(message('error', 'The share must be between 0 and 100 %.'));
      return;
    }
    const body = { version: version.value, description: description.value };
    if (extra.value) {
      body.additionalVersion = extra.value;
      body.additionalWeight = share / 100;
    } else {
      body.additionalWeight = 0; // no second version: clears the split
    }
    // editing applies only to the alias this page showed; a new one never replaces one of that name
    const headers = alias ? {} : { 'If-None-Match': '*' };
    if (alias) {
      body.revisionId = alias.revisionId;
    }
    save.disabled = true;
    try {
      const saved = await api(`/functions/${seg(fn.name)}/aliases/${seg(name.value.trim())}`, { method: 'PUT', body,
        headers });
      onSaved(`Saved: ${saved.name} → ${routing(saved)}.`);
    } catch (e) {
      status.replaceChildren(message('error', e.status === 409 ? 'An alias of that name exists already: edit it'
        + ' instead.' : e.status === 412 ? 'The alias changed since this page loaded: reload it, then save again.'
        : errorMessage(e)));
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/** Published versions (with "publish $LATEST") and aliases with their traffic split. */
export function renderVersions(root, fn) {
  const status = h('div', { class: 'status-area', id: 'versions-status' });
  const versionsSlot = h('div');
  const aliasesSlot = h('div');
  const formSlot = h('div');
  const publishDescription = h('input', { id: 'publish-description', placeholder: 'Description (optional)' });
  const publish = h('button', { type: 'button', class: 'btn btn-primary', id: 'publish', text: 'Publish $LATEST' });
  const newAlias = h('button', { type: 'button', class: 'btn', id: 'new-alias', text: 'New alias' });
  let versions = [];

  async function load(note) {
    try {
      const [v, a] = await Promise.all([api(`/functions/${seg(fn.name)}/versions`), api(`/functions/${seg(fn.name)}/aliases`)]);
      versions = v.versions.map((x) => x.version);
      versionsSlot.replaceChildren(table(
        [{ label: 'Version' }, { label: 'Revision', cls: 'num' }, { label: 'Description' }, { label: 'Code', cls: 'opt' }, { label: 'Created', cls: 'opt' }],
        v.versions.map((x) => [h('strong', { text: x.version }), String(x.revision), x.description || '—',
          h('code', { title: x.codeSha256, text: short(x.codeSha256, 12) }), time(x.createdAt)])));
      aliasesSlot.replaceChildren(table(
        [{ label: 'Alias' }, { label: 'Routes to' }, { label: 'Description', cls: 'opt' }, { label: 'Updated', cls: 'opt' }, { label: '' }],
        a.aliases.map((x) => h('tr', { dataset: { alias: x.name } },
          h('td', null, h('strong', { text: x.name })), h('td', { class: 'alias-routing', text: routing(x) }),
          h('td', { class: 'opt', text: x.description || '—' }), h('td', { class: 'opt', text: time(x.updatedAt) }),
          h('td', null, h('button', { type: 'button', class: 'btn btn-small', text: 'Edit', dataset: { editAlias: x.name },
            onclick: () => edit(x) })))),
        { empty: 'No aliases. An alias names a version and can split traffic between two.' }));
      formSlot.replaceChildren();
      status.replaceChildren(note ? message('ok', note) : '');
    } catch (e) {
      status.replaceChildren(message('error', errorMessage(e)));
    }
  }

  function edit(alias) {
    formSlot.replaceChildren(aliasForm(fn, versions, alias, load));
    formSlot.querySelector('select, input:not([disabled])').focus();
  }

  publish.addEventListener('click', async () => {
    publish.disabled = true;
    try {
      const v = await api(`/functions/${seg(fn.name)}/versions`, { method: 'POST',
        body: publishDescription.value ? { description: publishDescription.value } : {} });
      publishDescription.value = '';
      await load(`Published version ${v.version} (revision ${v.revision}).`);
    } catch (e) {
      status.replaceChildren(message('error', errorMessage(e)));
    } finally {
      publish.disabled = false;
    }
  });
  newAlias.addEventListener('click', () => edit(null));

  root.append(status,
    card('Versions', { id: 'versions-card', actions: [publishDescription, publish] }, versionsSlot),
    card('Aliases', { id: 'aliases-card', actions: [newAlias] }, aliasesSlot, formSlot));
  load();
  return null;
}
