// A product: found by sku (or opened by id from another view); its fields with the group that decides
// each and its last writer, its links per channel, its log and its jobs.
import {api, q} from './api.js';
import {h, show, table, value, when} from './dom.js';

export async function render(view, {client, params}) {
  const sku = params.get('sku') || '';
  const input = h('input', {name: 'sku', value: sku, placeholder: 'sku', required: true, autocomplete: 'off'});
  const search = h('form', {class: 'search', role: 'search'}, h('label', {}, 'Find by sku ', input), h('button', {type: 'submit'}, 'Find'));
  search.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `product?client=${q(client)}&sku=${q(input.value.trim())}`;
  });
  show(view, h('div', {class: 'title'}, h('h2', {}, `Products of ${client}`)), search);
  const id = params.get('id');
  if (!sku && !id) return;
  const product = id ? await api(`/product/${q(id)}`) : await api(`/client/${q(client)}/product?sku=${q(sku)}`);
  if (!input.value && product.sku) input.value = product.sku;
  const [fields, links, logs, jobs] = await Promise.all([
    api(`/product/${q(product.id)}/fields`), api(`/product/${q(product.id)}/links`),
    api(`/product/${q(product.id)}/logs?limit=50`), api(`/product/${q(product.id)}/queue-status`)]);
  view.append(h('article', {class: 'product', 'data-product': product.id},
    h('h3', {}, value(product.name), ' ', h('span', {class: `badge ${product.syncStatus}`, 'data-sync-status': product.syncStatus}, product.syncStatus)),
    h('p', {class: 'detail'}, `sku ${value(product.sku)} · id ${product.id} · last changed by ${product.lastUpdatedBy} ${when(product.lastUpdatedAt)}`
      + ` · last synced ${when(product.lastSyncedAt)}`),
    h('h4', {}, 'Fields'),
    table(['Field', 'Value', 'Decided by', 'Last written by'], fields.fields.map(f => h('tr', {'data-field': f.field},
      h('th', {scope: 'row'}, f.field), h('td', {class: 'value'}, value(f.value)),
      h('td', {}, h('span', {class: `owner ${f.group}`}, f.group)),
      h('td', {}, f.lastUpdatedBy ? `${f.lastUpdatedBy}, ${when(f.lastUpdatedAt)}` : '—')))),
    h('h4', {}, 'On the channels'),
    links.links.length === 0 ? h('p', {class: 'quiet'}, 'Not on any channel yet.')
      : table(['Channel', 'Platform id', 'Status', 'Last push', 'Last error'], links.links.map(l => h('tr', {'data-channel': l.channelId},
        h('td', {}, l.channelId), h('td', {}, l.externalId || '—', l.parentId ? h('div', {class: 'detail'}, `parent ${l.parentId}`) : null),
        h('td', {}, h('span', {class: `badge ${l.syncStatus}`}, l.syncStatus)), h('td', {}, when(l.lastPushedAt)),
        h('td', {class: 'problem'}, l.lastError || '')))),
    h('h4', {}, `Log (${logs.total})`),
    logTable(logs.logs),
    h('h4', {}, `Jobs (${jobs.pending} pending, ${jobs.processing} running, ${jobs.completed} done, ${jobs.failed} failed, ${jobs.skipped} skipped)`),
    table(['Job', 'Channel', 'Operation', 'Fields', 'Status', 'Attempts', 'Queued', 'Last error'], jobs.jobs.map(j => h('tr', {'data-job': j.id},
      h('td', {class: 'number'}, j.id), h('td', {}, j.channelId), h('td', {}, j.operation), h('td', {}, j.fields.join(', ')),
      h('td', {}, h('span', {class: `badge ${j.status}`}, j.status)), h('td', {class: 'number'}, `${j.attempts}/${j.maxAttempts}`),
      h('td', {}, when(j.createdAt)), h('td', {class: 'problem'}, j.lastError || ''))))));
}

/** A product's log lines, newest first (also under a resolved conflict). */
export function logTable(lines) {
  return table(['When', 'Action', 'Origin', 'Channel', 'Fields', 'Outcome'], lines.map(line => h('tr', {'data-action': line.action},
    h('td', {}, when(line.createdAt)), h('td', {}, line.action), h('td', {}, line.origin || '—'), h('td', {}, line.channelId || '—'),
    h('td', {}, (line.changedFields || []).join(', ')),
    h('td', {class: line.success ? '' : 'problem'}, line.success ? (line.errorMessage || 'ok') : (line.errorMessage || 'failed')))));
}
