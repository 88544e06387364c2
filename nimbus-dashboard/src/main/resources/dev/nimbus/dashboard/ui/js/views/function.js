import { api, seg } from '../api.js';
import { h, badge, message, errorMessage } from '../dom.js';
import { renderOverview } from './overview.js';
import { renderInvoke } from './invoke.js';
import { renderInvocations } from './invocations.js';
import { renderLogs } from './logs.js';
import { renderVersions } from './versions.js';
import { renderUpdate } from './deploy.js';

const TABS = [
  { id: 'overview', label: 'Overview', render: renderOverview },
  { id: 'invoke', label: 'Invoke', render: renderInvoke },
  { id: 'invocations', label: 'Invocations', render: renderInvocations },
  { id: 'logs', label: 'Logs', render: renderLogs },
  { id: 'versions', label: 'Versions & aliases', render: renderVersions },
  { id: 'deploy', label: 'Deploy', render: renderUpdate },
];

/** One function: a header with its name and a tab per concern, #/functions/{name}/{tab}. */
export function renderFunction(root, name, tabId = 'overview') {
  const tab = TABS.find((t) => t.id === tabId) || TABS[0];
  const base = `#/functions/${encodeURIComponent(name)}`;
  const meta = h('span', { class: 'head-meta' });
  const content = h('div', { class: 'tab-content', id: `tab-${tab.id}` });
  root.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/functions', text: 'Functions' }), ' / ', name),
    h('div', { class: 'page-head' }, h('h1', { class: 'fn-name', text: name }), meta),
    h('div', { class: 'tabs', role: 'tablist' }, TABS.map((t) => h('a', {
      href: `${base}/${t.id}`, role: 'tab', class: t === tab ? 'tab active' : 'tab', 'aria-selected': String(t === tab),
      dataset: { tab: t.id }, text: t.label,
    }))),
    content);
  let disposeTab = null;
  let disposed = false;
  api(`/functions/${seg(name)}`).then((fn) => {
    if (disposed) {
      return;
    }
    meta.replaceChildren(badge(fn.runtime, 'info'), ' ', h('span', { class: 'muted', text: `revision ${fn.revision}` }));
    disposeTab = tab.render(content, fn) || null;
  }).catch((e) => {
    if (!disposed) {
      content.replaceChildren(message('error', errorMessage(e)));
    }
  });
  return () => {
    disposed = true;
    if (disposeTab) {
      disposeTab();
    }
  };
}
