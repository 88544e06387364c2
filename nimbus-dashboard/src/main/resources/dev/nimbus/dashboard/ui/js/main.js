// The dashboard's shell: hash routes, the navigation, signing out. Each view is a function
// render(root, ...params) that returns a dispose() stopping whatever it started.
import { session, whenUnauthorized } from './api.js';
import { renderSignIn } from './views/signin.js';
import { renderFunctions } from './views/functions.js';
import { renderFunction } from './views/function.js';
import { renderNewFunction } from './views/deploy.js';
import { renderEvents } from './views/events.js';

const routes = [
  { path: /^\/signin$/, nav: null, render: renderSignIn },
  { path: /^\/functions$/, nav: 'functions', render: renderFunctions },
  { path: /^\/functions\/([^/]+)(?:\/([a-z-]+))?$/, nav: 'functions', render: renderFunction },
  { path: /^\/new$/, nav: 'new', render: renderNewFunction },
  { path: /^\/events$/, nav: 'events', render: renderEvents },
];

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const toggle = document.getElementById('nav-toggle');
let current = null;
/** Why the user was sent to sign in, shown there once. */
let signInReason = null;

function route() {
  const path = location.hash.replace(/^#/, '') || '/functions';
  if (!session.key() && path !== '/signin') {
    location.replace('#/signin');
    return;
  }
  const match = routes.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m);
  if (!match) {
    location.replace('#/functions');
    return;
  }
  if (current) {
    current();
    current = null;
  }
  document.body.classList.toggle('signed-out', !session.key());
  nav.classList.remove('open');
  toggle.setAttribute('aria-expanded', 'false');
  for (const a of nav.querySelectorAll('a[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === match.r.nav);
    if (a.dataset.nav === match.r.nav) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  view.replaceChildren();
  const params = match.m.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  if (match.r.render === renderSignIn) {
    params.unshift(signInReason);
    signInReason = null;
  }
  current = match.r.render(view, ...params) || null;
  window.scrollTo(0, 0);
}

whenUnauthorized((error) => {
  session.signOut();
  signInReason = `Your API key was refused: ${error.message}`;
  location.hash = '#/signin';
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/signin';
  route();
});

toggle.addEventListener('click', () => {
  const open = nav.classList.toggle('open');
  toggle.setAttribute('aria-expanded', String(open));
});

window.addEventListener('hashchange', route);
route();
