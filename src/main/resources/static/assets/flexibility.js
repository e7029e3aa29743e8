import { chart, el, fmt, isoDate, load, nav, params, ready, round, stateBadge, steps, timeOption, when } from './app.js';

nav();

const $ = (id) => document.getElementById(id);
const value = (p) => (p && typeof p === 'object' && 'value' in p ? p.value : p);
const BAND = { requested: 'rgba(214, 69, 65, 0.13)', available: 'rgba(11, 92, 173, 0.10)' };

function remember() {
  const url = new URL(location.href);
  url.searchParams.set('cp', $('cp').value);
  url.searchParams.set('from', $('from').value);
  url.searchParams.set('to', $('to').value);
  history.replaceState(null, '', url);
}

function flexChart(body) {
  const t = body.timestamps;
  const s = body.series;
  // the bands ride on an empty series so that the legend can hide them
  const bands = (disposition, name) => ({
    name, type: 'line', data: [], color: BAND[disposition].replace(/0\.1\d\)/, '0.6)'),
    markArea: { silent: true, itemStyle: { color: BAND[disposition] },
      data: body.bands.filter((b) => b.disposition === disposition).map((b) => [{ xAxis: b.from }, { xAxis: b.to }]) },
  });
  chart($('flex-chart'), 'flex', 'Requested, offered and ordered power (kW)', timeOption('kW', [
    steps('Requested max', t, s.requestedMaxKw, { color: '#d64541' }),
    steps('Requested min', t, s.requestedMinKw, { color: '#d64541', lineStyle: { type: 'dashed' } }),
    steps('Offered', t, s.offeredKw, { color: '#0b5cad' }),
    steps('Ordered', t, s.orderedKw, { color: '#1e7b34', lineStyle: { width: 3 } }),
    bands('requested', 'Requested ISPs'),
    bands('available', 'Available ISPs'),
  ]));
}

/** Setpoints of the DR events at this congestion point, summed per ISP, and the commands the devices got. */
function deliveryChart(body, events, actuations, devices) {
  const t = body.timestamps;
  const index = new Map(t.map((x, i) => [Date.parse(x), i]));
  const perDevice = new Map();
  for (const e of events) {
    if (e.state === 'CANCELLED') continue;
    const values = perDevice.get(e.deviceId) || new Array(t.length).fill(null);
    const start = Date.parse(e.startAt);
    e.setpointsKw.forEach((kw, k) => {
      const i = index.get(start + k * e.ispSeconds * 1000);
      if (i !== undefined) values[i] = (values[i] ?? 0) + kw;
    });
    perDevice.set(e.deviceId, values);
  }
  const first = Date.parse(t[0]);
  const last = Date.parse(t[t.length - 1]) + body.ispSeconds * 1000;
  const commands = actuations.filter((a) => devices.has(a.deviceId) && a.powerKw !== null
    && Date.parse(a.effectiveAt) >= first && Date.parse(a.effectiveAt) < last);
  const name = (id) => devices.get(id) || id.replace('urn:ngsi-ld:Device:', '');
  const series = [...perDevice].map(([id, values]) => steps(`Setpoint ${name(id)}`, t, values));
  series.push({ name: 'Commands sent', type: 'scatter', symbolSize: 7, color: '#111',
    data: commands.map((a) => [a.effectiveAt, round(a.powerKw)]) });
  chart($('delivery-chart'), 'delivery', 'What the devices were told to do (kW)', timeOption('kW', series));
}

function conversations(body) {
  const list = body.conversations.map((c) => el('article', { class: 'card', id: `conv-${c.conversationId}`, style: 'margin-bottom:.8rem' },
    el('h3', { style: 'font-size:.95rem;margin:0 0 .4rem' }, `${c.period ?? ''} · from ${c.senderDomain}`),
    el('p', { class: 'muted small', style: 'margin:0 0 .5rem;overflow-wrap:anywhere' }, `Conversation ${c.conversationId}`),
    el('ol', { class: 'timeline' }, c.messages.map((m) => el('li', {},
      el('span', { class: 'dir' }, m.direction === 'IN' ? '← in' : '→ out'),
      el('a', { href: `/api/usef/messages/${encodeURIComponent(m.messageId)}` }, m.type), ' ',
      stateBadge(m.result || m.status), m.peerResult ? [' peer: ', stateBadge(m.peerResult)] : '',
      m.handoff ? el('span', { class: 'badge info', style: 'margin-left:.3rem' }, m.handoff.split(':')[0]) : '',
      m.businessState ? el('span', { class: 'badge', style: 'margin-left:.3rem' }, m.businessState) : '',
      el('span', { class: 'muted small', style: 'margin-left:.4rem' }, when(m.at)),
      m.rejectionReason || m.peerRejectionReason
        ? el('div', { class: 'error' }, `Rejected: ${m.rejectionReason || m.peerRejectionReason}`) : '',
      m.handoff && m.handoff.includes(':') ? el('div', { class: 'muted small' }, `Engine: ${m.handoff.split(':').slice(1).join(':')}`) : '')))));
  $('conversations').replaceChildren(el('h2', { id: 'h-conv' }, `Conversations (${fmt(list.length, '', 0)})`),
    ...(list.length ? list : [el('p', { class: 'muted' }, 'No FlexRequest for this congestion point in these days.')]));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

async function refresh() {
  remember();
  document.body.dataset.ready = 'false';
  const cp = $('cp').value;
  const [body, events, actuations] = await Promise.all([
    load(`/api/dashboard/flexibility?congestionPoint=${encodeURIComponent(cp)}&from=${$('from').value}&to=${$('to').value}`, $('flex-chart')),
    load(`/api/dr/events?congestionPoint=${encodeURIComponent(cp)}&limit=500`, $('delivery-chart')),
    load('/api/site/actuations?limit=1000', $('delivery-chart'))]);
  if (body) {
    flexChart(body);
    conversations(body);
    if (events && actuations) deliveryChart(body, events, actuations, devicesOf(cp));
  }
  $('status').textContent = body ? `${fmt(body.timestamps.length, '', 0)} ISPs, ${fmt(body.bands.length, '', 0)} bands.` : '';
  ready();
}

let entities = [];
const devicesOf = (cp) => new Map(entities.filter((e) => e.type !== 'Building' && value(e.congestionPoint) === cp)
  .map((e) => [e.id, value(e.name)]));

async function init() {
  entities = (await load('/api/site', $('flex-chart'))) || [];
  const cps = [...new Set(entities.filter((e) => e.type === 'Building').map((e) => value(e.congestionPoint)))];
  if (params.get('cp') && !cps.includes(params.get('cp'))) cps.push(params.get('cp'));
  $('cp').replaceChildren(...cps.map((cp) => el('option', { value: cp }, cp)));
  $('cp').value = params.get('cp') || cps[0] || '';
  const today = new Date();
  const tomorrow = new Date();
  tomorrow.setDate(today.getDate() + 1);
  $('from').value = params.get('from') || isoDate(today);
  $('to').value = params.get('to') || isoDate(tomorrow);
  for (const id of ['cp', 'from', 'to']) $(id).addEventListener('change', refresh);
  await refresh();
}

init();
