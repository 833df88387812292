// Failed work: the client's failed jobs and failed webhook events grouped by channel and error, queued
// again (jobs) or replayed (events) one at a time or a whole group; and the queue's depth and age per channel.
import {api, q} from './api.js';
import {button, duration, h, show, table, when} from './dom.js';
import {attempt, tell} from './notice.js';

export async function render(view, {client, isCurrent}) {
  const [work, webhooks] = await Promise.all([api(`/client/${q(client)}/failed-jobs`), api(`/webhooks/failed?clientId=${q(client)}`)]);
  const again = () => render(view, {client, isCurrent});
  show(view,
    h('div', {class: 'title'}, h('h2', {}, `Failed work of ${client}`), button('Refresh', again)),
    h('h3', {}, 'Queue'),
    work.queue.length === 0 ? h('p', {class: 'quiet', 'data-queue': 'empty'}, 'Nothing waits to be pushed.')
      : table(['Channel', 'Pending', 'Running', 'Oldest due job waited'], work.queue.map(c => h('tr', {'data-channel': c.channelId},
        h('td', {}, c.channelId), h('td', {class: 'number'}, c.pending), h('td', {class: 'number'}, c.processing),
        h('td', {}, c.oldestDueSeconds ? duration(c.oldestDueSeconds) : '—')))),

    h('div', {class: 'title'}, h('h3', {}, `Failed pushes (${work.failedJobs})`),
      work.failedJobs ? button('Re-queue all', () => requeue(client, {}, again), {'data-action': 'requeue-all'}) : null),
    work.groups.length === 0 ? h('p', {class: 'quiet', 'data-failed-jobs': 'none'}, 'No failed push waits for you.') : null,
    work.groups.map(group => h('article', {class: 'card group', 'data-group': 'jobs', 'data-channel': group.channelId},
      h('h4', {}, `${group.channelId}: ${group.count} failed`),
      h('p', {class: 'problem'}, group.error || '(no error given)'),
      h('div', {class: 'actions'}, button(`Re-queue these ${group.count}`,
        () => requeue(client, {channelId: group.channelId, error: group.error}, again), {'data-action': 'requeue-group'})),
      table(['Product', 'Operation', 'Attempts', 'Failed', ''], group.jobs.map(job => h('tr', {'data-job': job.id},
        h('td', {}, h('a', {href: `#product?client=${q(client)}&id=${q(job.productId)}`}, job.sku || job.productId),
          h('div', {class: 'detail'}, job.name || '')),
        h('td', {}, job.operation), h('td', {class: 'number'}, job.attempts), h('td', {}, when(job.failedAt)),
        h('td', {}, button('Re-queue', async () => {
          await attempt(() => api(`/jobs/${q(job.id)}/requeue`, {method: 'POST'}), `Job ${job.id} queued again`);
          await again();
        }, {'data-action': 'requeue-job'}))))),
      group.count > group.jobs.length ? h('p', {class: 'detail'}, `the newest ${group.jobs.length} of ${group.count} shown`) : null)),

    h('div', {class: 'title'}, h('h3', {}, `Failed webhook events (${webhooks.count})`),
      webhooks.count ? button('Replay all', () => replay(client, {}, again), {'data-action': 'replay-all'}) : null),
    webhooks.count === 0 ? h('p', {class: 'quiet', 'data-failed-webhooks': 'none'}, 'No webhook event failed.') : null,
    eventGroups(webhooks.events).map(group => h('article', {class: 'card group', 'data-group': 'webhooks', 'data-channel': group.channelId},
      h('h4', {}, `${group.channelId}: ${group.events.length} failed`),
      h('p', {class: 'problem'}, group.error || '(no error given)'),
      h('div', {class: 'actions'}, button(`Replay these ${group.events.length}`,
        () => replay(client, {channelId: group.channelId, error: group.error}, again), {'data-action': 'replay-group'})),
      table(['Topic', 'Platform id', 'Attempts', 'Received', ''], group.events.map(event => h('tr', {'data-event': event.id},
        h('td', {}, event.topic), h('td', {}, event.resourceId || '—'), h('td', {class: 'number'}, event.attempts),
        h('td', {}, when(event.receivedAt)),
        h('td', {}, button('Replay', async () => {
          await attempt(() => api(`/webhooks/${q(event.id)}/replay`, {method: 'POST'}), `Event ${event.id} replayed`);
          await again();
        }, {'data-action': 'replay-event'}))))))));
}

/** The API lists failed events newest first (at most 500); grouped here by channel and error. */
function eventGroups(events) {
  const groups = new Map();
  for (const event of events) {
    const key = JSON.stringify([event.channelId, event.error || '']);
    if (!groups.has(key)) groups.set(key, {channelId: event.channelId, error: event.error || '', events: []});
    groups.get(key).events.push(event);
  }
  return [...groups.values()].sort((a, b) => b.events.length - a.events.length);
}

async function requeue(client, group, again) {
  const done = await attempt(() => api(`/client/${q(client)}/requeue-failed`, {method: 'POST', body: group}));
  if (done) {
    await again();
    tell(`${done.requeued} failed push(es) queued again`, 'ok');
  }
}

async function replay(client, group, again) {
  const done = await attempt(() => api('/webhooks/replay-failed', {method: 'POST', body: {clientId: client, ...group}}));
  if (done) {
    await again();
    tell(`${done.replayed} webhook event(s) replayed`, 'ok');
  }
}
