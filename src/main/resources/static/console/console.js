// The console's shell: who is logged in, which client is shown, which view; each view is a module of its
// own, rendered into <main> from the management API's answers.
import {api, logout} from './api.js';
import {h, show} from './dom.js';
import {tell} from './notice.js';
import * as channels from './channels.js';
import * as conflicts from './conflicts.js';
import * as failedWork from './failed-work.js';
import * as product from './product.js';

const VIEWS = {'channels': channels, 'conflicts': conflicts, 'failed-work': failedWork, 'product': product};
const main = document.getElementById('view');
const clientSelect = document.getElementById('client');

/** The location's view and parameters: #product?client=demo&sku=HOODIE-M. */
function place() {
  const [name, query] = location.hash.slice(1).split('?');
  return {name: VIEWS[name] ? name : 'channels', params: new URLSearchParams(query || '')};
}

/** Goes to a view of the chosen client. */
function go(name) {
  location.hash = `${name}?client=${encodeURIComponent(clientSelect.value)}`;
}

let rendering = 0;

async function render() {
  const {name, params} = place();
  // a client the caller may not see is asked for all the same: the API's refusal says why
  const client = params.get('client') || clientSelect.value;
  if ([...clientSelect.options].some(o => o.value === client)) clientSelect.value = client;
  for (const link of document.querySelectorAll('nav a')) {
    link.href = `#${link.dataset.view}?client=${encodeURIComponent(client)}`;
    link.toggleAttribute('aria-current', link.dataset.view === name);
  }
  const mine = ++rendering;
  const view = h('section', {class: 'view', 'data-view': name});
  show(main, view);
  tell(null);
  try {
    await VIEWS[name].render(view, {client, params, isCurrent: () => mine === rendering && view.isConnected});
  } catch (e) {
    if (mine === rendering) tell(e.message);
  }
}

async function start() {
  document.getElementById('logout').addEventListener('click', logout);
  let who;
  try {
    who = await api('/clients');
  } catch (e) {
    show(main, h('p', {}, e.message, ' ', h('a', {href: '/login'}, 'Log in')));
    return;
  }
  show(document.getElementById('caller'), who.operator ? `${who.caller} (operator)` : who.caller);
  show(clientSelect, who.clients.map(c => h('option', {value: c.clientId}, c.name ? `${c.name} (${c.clientId})` : c.clientId)));
  if (who.clients.length === 0) {
    show(main, h('p', {}, 'No client is configured (sync.clients).'));
    return;
  }
  clientSelect.addEventListener('change', () => go(place().name));
  window.addEventListener('hashchange', render);
  await render();
}

start();
