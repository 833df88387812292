// Channels: each channel of the client with its state and checklist, and what can be done about it:
// verify the credentials, register the webhooks, connect (JTL-FFN), start a full sync and follow it.
import {api, BASE, q} from './api.js';
import {button, h, show, when} from './dom.js';
import {attempt, tell} from './notice.js';

/** The full sync this page follows, kept across re-renders of the view. */
let following = null;

export async function render(view, {client, isCurrent}) {
  const data = await api(`/channels?clientId=${q(client)}`);
  const progress = h('div', {class: 'full-sync', 'aria-live': 'polite'});
  show(view,
    h('div', {class: 'title'},
      h('h2', {}, `Channels of ${client}`),
      button('Full sync of every channel', () => fullSync(client, null, progress, isCurrent), {'data-action': 'full-sync-all'})),
    progress,
    h('div', {class: 'cards'}, data.channels.map(channel => card(client, channel, view, progress, isCurrent))));
  if (following && following.client === client) follow(progress, isCurrent);
}

function card(client, channel, view, progress, isCurrent) {
  const again = () => render(view, {client, isCurrent});
  const checks = [
    check('Credentials verified', channel.credentials.valid,
      channel.credentials.lastChecked ? when(channel.credentials.lastChecked) : 'not checked yet', channel.credentials.problem),
  ];
  if (channel.webhooks) {
    checks.push(check('Webhooks registered', channel.webhooks.lastRegistered ? !channel.webhooks.problem : null,
      channel.webhooks.lastRegistered ? when(channel.webhooks.lastRegistered) : 'not registered by the hub', channel.webhooks.problem));
    checks.push(check('Last webhook', channel.lastWebhookReceived ? true : null, when(channel.lastWebhookReceived)));
  } else {
    checks.push(check('Last poll', channel.lastPoll ? true : null, when(channel.lastPoll)));
  }
  checks.push(check('Last push', channel.lastSuccessfulPush ? true : null, when(channel.lastSuccessfulPush)));
  // a failure long ago is history; failures in a row are the present
  checks.push(check('Last failure', !channel.consecutiveFailures, when(channel.lastFailedPush),
    channel.consecutiveFailures ? `${channel.consecutiveFailures} failed in a row` : null));

  const actions = [button('Verify', async () => {
    await attempt(() => api(`/channels/${q(channel.channelId)}/verify`, {method: 'POST'}), 'Credentials checked');
    await again();
  }, {'data-action': 'verify'})];
  if (channel.webhooks) {
    actions.push(button('Register webhooks', async () => {
      const done = await attempt(() => api(`/channels/${q(channel.channelId)}/webhooks`, {method: 'POST'}));
      if (done) tell(`${channel.channelId}: ${done.topics.map(t => `${t.topic} ${t.action}`).join(', ')}`, 'ok');
      await again();
    }, {'data-action': 'register-webhooks'}));
  } else {
    // JTL-FFN's consent page: the browser goes there and comes back to the hub's callback
    actions.push(h('a', {class: 'button', href: `${BASE}/channels/${q(channel.channelId)}/connect`, target: '_blank',
      rel: 'noopener', 'data-action': 'connect'}, 'Connect'));
  }
  actions.push(button('Full sync', () => fullSync(client, channel.channelId, progress, isCurrent), {'data-action': 'full-sync'}));

  return h('article', {class: `card state-${channel.state}`, 'data-channel': channel.channelId},
    h('h3', {}, channel.channelId, ' ', h('span', {class: 'platform'}, channel.platform)),
    h('p', {class: 'state'}, h('span', {class: `badge ${channel.state}`}, channel.state),
      channel.problem ? h('span', {class: 'problem'}, ' ', channel.problem) : null),
    h('ul', {class: 'checklist'}, checks),
    h('div', {class: 'actions'}, actions));
}

function check(label, good, detail, problem) {
  const mark = good === true ? 'ok' : good === false ? 'bad' : 'none';
  return h('li', {class: mark},
    h('span', {class: 'mark', 'aria-hidden': 'true'}, mark === 'ok' ? '✓' : mark === 'bad' ? '✗' : '–'),
    h('span', {class: 'label'}, label), h('span', {class: 'detail'}, detail),
    problem ? h('span', {class: 'problem'}, problem) : null);
}

async function fullSync(client, channelId, progress, isCurrent) {
  const started = await attempt(() => api(`/client/${q(client)}/full-sync`,
    {method: 'POST', body: channelId ? {channelIds: [channelId]} : {}}));
  if (!started) return;
  following = {client, url: started.progressUrl.slice(BASE.length), what: channelId || 'every channel'};
  follow(progress, isCurrent);
}

/** Reads the full sync's progress every second until it is finished, into a progress bar. */
async function follow(progress, isCurrent) {
  const sync = following;
  while (isCurrent() && sync === following) {
    let state;
    try {
      state = await api(sync.url);
    } catch (e) {
      tell(e.message);
      return;
    }
    const settled = state.done + state.failed;
    const percent = state.total === 0 ? 100 : Math.floor(100 * settled / state.total);
    show(progress,
      h('label', {for: 'full-sync-progress'}, `Full sync ${state.id} of ${sync.what}: `),
      h('progress', {id: 'full-sync-progress', max: String(state.total || 1), value: String(state.total === 0 ? 1 : settled)}),
      h('span', {class: 'percent', 'data-percent': String(percent)}, ` ${percent}%`),
      h('span', {class: 'detail'}, ` ${state.done} pushed, ${state.failed} failed, ${state.pending} to go of ${state.total}`,
        state.finished ? ' — finished' : ''));
    if (state.finished) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
