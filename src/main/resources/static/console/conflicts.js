// Conflicts: the client's open conflicts by product, both values with who wrote them and when; resolved
// with accept_local, accept_remote or merge (a form for the merged values); then the product's state and log.
import {api, q} from './api.js';
import {button, h, show, table, value, when} from './dom.js';
import {attempt, tell} from './notice.js';
import {logTable} from './product.js';

export async function render(view, {client, isCurrent}) {
  const data = await api(`/conflicts/${q(client)}`);
  const byProduct = new Map();
  for (const conflict of data.conflicts) {
    if (!byProduct.has(conflict.productId)) byProduct.set(conflict.productId, []);
    byProduct.get(conflict.productId).push(conflict);
  }
  show(view,
    h('div', {class: 'title'}, h('h2', {}, `Open conflicts of ${client}`),
      button('Refresh', () => render(view, {client, isCurrent}))),
    byProduct.size === 0 ? h('p', {class: 'quiet'}, 'No open conflict.') : null,
    [...byProduct].map(([productId, conflicts]) => productConflicts(client, productId, conflicts, isCurrent)));
  // the conflicts name the product by id; its name and sku say more to a person
  await Promise.all([...byProduct.keys()].map(async productId => {
    const product = await api(`/product/${q(productId)}`).catch(() => null);
    const link = view.querySelector(`[data-product="${CSS.escape(productId)}"] h3 a`);
    if (product && link) show(link, `${value(product.name)} (sku ${value(product.sku)})`);
  }));
}

function productConflicts(client, productId, conflicts, isCurrent) {
  const outcome = h('div', {class: 'outcome', 'aria-live': 'polite'});
  const form = mergeForm(conflicts, mergeData => resolve(productId, 'merge', mergeData, box, outcome, isCurrent));
  const box = h('article', {class: 'card conflict', 'data-product': productId},
    h('h3', {}, h('a', {href: `#product?client=${q(client)}&id=${q(productId)}`}, `Product ${productId}`)),
    table(['Field', 'Hub’s value (local)', 'Channel’s value (remote)'], conflicts.map(c => h('tr', {'data-field': c.field},
      h('th', {scope: 'row'}, c.field),
      h('td', {}, h('div', {class: 'value'}, value(c.localValue)), h('div', {class: 'detail'}, `${c.localOrigin}, ${when(c.localAt)}`)),
      h('td', {}, h('div', {class: 'value'}, value(c.remoteValue)), h('div', {class: 'detail'}, `${c.remoteOrigin}, ${when(c.remoteAt)}`))))),
    h('div', {class: 'actions'},
      button('Keep the hub’s values (accept_local)', () => resolve(productId, 'accept_local', null, box, outcome, isCurrent),
        {'data-action': 'accept_local'}),
      button('Take the channel’s values (accept_remote)', () => resolve(productId, 'accept_remote', null, box, outcome, isCurrent),
        {'data-action': 'accept_remote'}),
      button('Merge…', () => { form.hidden = !form.hidden; }, {'data-action': 'merge'})),
    form, outcome);
  return box;
}

/** One input per field, prefilled with the channel's latest value; lists, numbers and flags are written as JSON. */
function mergeForm(conflicts, submit) {
  const latest = new Map();
  for (const c of conflicts) {
    if (!latest.has(c.field) || new Date(c.remoteAt) > new Date(latest.get(c.field).remoteAt)) latest.set(c.field, c);
  }
  const inputs = [...latest.values()].map(c => {
    const isText = typeof c.remoteValue === 'string' || c.remoteValue === null;
    const input = h('input', {name: c.field, value: isText ? (c.remoteValue ?? '') : JSON.stringify(c.remoteValue)});
    return {field: c.field, isText, input};
  });
  const form = h('form', {class: 'merge', hidden: true},
    inputs.map(({field, isText, input}) => h('label', {}, h('span', {}, field + (isText ? '' : ' (JSON)')), input)),
    h('button', {type: 'submit', 'data-action': 'merge-submit'}, 'Resolve with these values (merge)'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const mergeData = {};
    for (const {field, isText, input} of inputs) {
      try {
        mergeData[field] = isText ? input.value : JSON.parse(input.value);
      } catch (e) {
        tell(`${field}: not JSON (${e.message})`);
        return;
      }
    }
    submit(mergeData);
  });
  return form;
}

/** Resolves, then follows the product until its pushes settled, and shows its log. */
async function resolve(productId, resolution, mergeData, box, outcome, isCurrent) {
  const body = mergeData ? {resolution, mergeData} : {resolution};
  const product = await attempt(() => api(`/conflicts/${q(productId)}/resolve`, {method: 'POST', body}),
    `Resolved with ${resolution}`);
  if (!product) return;
  box.querySelectorAll('.actions button, form.merge').forEach(node => { node.hidden = true; });
  let current = product;
  for (let second = 0; second < 60 && current.syncStatus === 'PENDING' && isCurrent(); second++) {
    await showOutcome(outcome, current);
    await new Promise(done => setTimeout(done, 1000));
    current = await api(`/product/${q(productId)}`);
  }
  await showOutcome(outcome, current);
}

async function showOutcome(outcome, product) {
  const logs = await api(`/product/${q(product.id)}/logs?limit=10`);
  show(outcome,
    h('p', {}, 'The product is now ', h('span', {class: `badge ${product.syncStatus}`, 'data-sync-status': product.syncStatus},
      product.syncStatus), ` (${value(product.name)})`),
    h('h4', {}, 'Its log'), logTable(logs.logs));
}
