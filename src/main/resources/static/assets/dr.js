import { api, chart, el, fmt, load, nav, params, ready, stateBadge, steps, table, timeOption, when } from './app.js';

nav();

const $ = (id) => document.getElementById(id);
const short = (id) => (id || '').replace('urn:ngsi-ld:Device:', '');

async function list() {
  const state = $('state').value;
  const url = new URL(location.href);
  if (state) url.searchParams.set('state', state); else url.searchParams.delete('state');
  history.replaceState(null, '', url);
  const events = await load(`/api/dr/events?limit=500${state ? `&state=${state}` : ''}`, $('content'));
  if (!events) return;
  $('status').textContent = `${fmt(events.length, '', 0)} event(s).`;
  $('content').replaceChildren(el('section', { class: 'card wide', 'aria-label': 'Events' }, events.length
    ? table([{ label: 'Id', num: true }, 'Device', 'State', 'Start', 'End', 'Source', { label: 'Mean setpoint', num: true }],
      events.map((e) => [el('a', { href: `/dr.html?id=${e.id}` }, `#${e.id}`), short(e.deviceId), stateBadge(e.state),
        when(e.startAt), when(e.endAt), e.source === 'FLEX_ORDER' ? 'FlexOrder' : 'Local request',
        fmt(e.setpointsKw.reduce((a, b) => a + b, 0) / Math.max(1, e.setpointsKw.length), 'kW')]))
    : el('p', { class: 'muted' }, 'No demand-response event.')));
}

async function detail(id) {
  $('controls').hidden = true;
  const [event, baseline] = await Promise.all([load(`/api/dr/events/${id}`, $('content')),
    load(`/api/dashboard/dr/events/${id}/baseline`)]);
  if (!event) return;
  $('title').textContent = `DR event #${event.id}`;
  $('subtitle').replaceChildren(el('a', { href: '/dr.html' }, '← all events'));
  const cancellable = event.state === 'SCHEDULED' || event.state === 'ACTIVE';
  const message = el('p', { role: 'status', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button', class: 'btn danger', id: 'cancel', disabled: !cancellable }, 'Cancel event');
  cancel.addEventListener('click', async () => {
    if (!confirm(`Cancel DR event #${event.id}? The device gets its normal setpoint back.`)) return;
    cancel.disabled = true;
    try {
      const after = await api(`/api/dr/events/${event.id}/cancel`, { method: 'POST' });
      message.className = 'notice';
      message.textContent = `Event is now ${after.state}.`;
      $('event-state').replaceChildren(stateBadge(after.state));
      renderTransitions(after.transitions);
    } catch (e) {
      message.className = 'notice bad';
      message.textContent = e.message;
      cancel.disabled = false;
    }
  });
  const facts = el('section', { class: 'card', 'aria-label': 'Event' }, el('h2', {}, 'Event'), el('dl', { class: 'kv' },
    el('dt', {}, 'State'), el('dd', { id: 'event-state' }, stateBadge(event.state)),
    el('dt', {}, 'Device'), el('dd', {}, short(event.deviceId)),
    el('dt', {}, 'Congestion point'), el('dd', {}, el('a', { href: `/flexibility.html?cp=${encodeURIComponent(event.congestionPoint)}` }, event.congestionPoint)),
    el('dt', {}, 'Window'), el('dd', {}, `${when(event.startAt)} – ${when(event.endAt, false)}`),
    el('dt', {}, 'Source'), el('dd', {}, event.orderMessageId
      ? el('a', { href: `/api/usef/messages/${encodeURIComponent(event.orderMessageId)}` }, `FlexOrder ${event.orderMessageId}`)
      : event.sourceRef || 'local request'),
    el('dt', {}, 'Activation factor'), el('dd', {}, fmt(event.activationFactor)),
    el('dt', {}, 'Applied ISP'), el('dd', {}, event.appliedIsp < 0 ? 'none yet' : fmt(event.appliedIsp + 1, '', 0)),
    el('dt', {}, 'Missed ISPs'), el('dd', {}, event.missedIsps.length ? event.missedIsps.join(', ') : 'none'),
    el('dt', {}, 'Attempts'), el('dd', {}, fmt(event.attempts, '', 0)),
    el('dt', {}, 'Last error'), el('dd', {}, event.lastError || '–'),
    el('dt', {}, 'Note'), el('dd', {}, event.note || '–')), el('p', {}, cancel), message);
  const chartBox = el('section', { class: 'card wide', id: 'setpoint-chart' });
  const transitions = el('section', { class: 'card', id: 'transitions', 'aria-label': 'Transitions' });
  $('content').replaceChildren(facts, transitions, chartBox);
  renderTransitions(event.transitions);
  const t = baseline?.timestamps || event.setpointsKw.map((_, i) => new Date(Date.parse(event.startAt) + i * event.ispSeconds * 1000).toISOString());
  chart(chartBox, 'setpoints', 'Setpoints against the baseline (kW)', timeOption('kW', [
    steps('Baseline', t, baseline?.baselineKw, { color: '#9aa5b1', areaStyle: { opacity: 0.2 } }),
    steps('Setpoint', t, event.setpointsKw, { color: '#0b5cad', lineStyle: { width: 3 } })]));
}

function renderTransitions(rows) {
  $('transitions').replaceChildren(el('h2', {}, 'Transitions'), table(['At', 'From', 'To', 'Reason'],
    (rows || []).map((r) => [when(r.at), r.from ? stateBadge(r.from) : '–', stateBadge(r.to), r.reason || ''])));
}

if (params.get('id')) {
  await detail(params.get('id'));
} else {
  if (params.get('state')) $('state').value = params.get('state');
  $('state').addEventListener('change', list);
  await list();
}
ready();
