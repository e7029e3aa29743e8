import { api, el, fmt, load, nav, ready, stateBadge, table, when } from './app.js';

nav();

const box = (id) => document.getElementById(id);
const value = (p) => (p && typeof p === 'object' && 'value' in p ? p.value : p);
const section = (id, ...children) => box(id).replaceChildren(box(id).querySelector('h2'), ...children);

async function health() {
  let body;
  try {
    body = await api('/actuator/health');
  } catch (e) {
    section('health', el('p', { class: 'notice bad' }, e.message));
    return;
  }
  const components = body.components || {};
  const light = (label, key, href) => {
    const c = components[key];
    const status = c ? c.status : 'not configured';
    const kind = !c ? '' : status === 'UP' ? 'ok' : status === 'DOWN' ? 'bad' : 'warn';
    return el('li', {}, el('a', { class: `light ${kind}`, href }, `${label}: ${status}`));
  };
  section('health', el('ul', { class: 'plain', style: 'list-style:none;padding:0;margin:0' },
    light('Hub', 'db', '/actuator/health/readiness'),
    light('NGSI-LD broker', 'broker', '/actuator/health/broker'),
    light('SMTP', 'smtp', '/actuator/health/smtp'),
    light('UFTP outbox', 'outbox', '/actuator/health/outbox')),
  el('p', { class: 'muted small' }, `Overall: ${body.status}`));
}

async function backlogs() {
  const [uPending, uFailed, mPending, mFailed] = await Promise.all([
    load('/api/usef/outbox?status=PENDING&limit=1'), load('/api/usef/outbox?status=FAILED&limit=1'),
    load('/api/notify/outbox?status=PENDING&limit=1'), load('/api/notify/outbox?status=FAILED&limit=1')]);
  const row = (label, pending, failed, href) => [el('a', { href }, label),
    fmt(pending?.total ?? null, '', 0), fmt(failed?.total ?? null, '', 0)];
  section('backlogs', table(['Queue', { label: 'Pending', num: true }, { label: 'Failed', num: true }], [
    row('UFTP outbox', uPending, uFailed, '/api/usef/outbox?status=PENDING'),
    row('Mail', mPending, mFailed, '/api/notify/outbox?status=PENDING')]),
  el('p', { class: 'muted small' }, `Mail delivery: ${mPending?.delivery ?? '–'}`));
}

async function nightly() {
  const body = await load('/api/selfconsumption/runs', box('nightly'));
  if (!body) return;
  const run = body.runs[0];
  if (!run) {
    section('nightly', el('p', { class: 'muted' }, 'No run yet: the nightly run plans tomorrow at 21:00 UTC.'));
    return;
  }
  section('nightly', el('dl', { class: 'kv' },
    el('dt', {}, 'Day'), el('dd', {}, el('a', { href: `/api/selfconsumption/runs/${run.id}` }, run.day)),
    el('dt', {}, 'Status'), el('dd', {}, stateBadge(run.status)),
    el('dt', {}, 'Trigger'), el('dd', {}, run.trigger),
    el('dt', {}, 'Started'), el('dd', {}, when(run.startedAt)),
    el('dt', {}, 'Optimizer'), el('dd', {}, run.optimizeMs === null ? '–' : fmt(run.optimizeMs, 'ms', 0))),
  run.error ? el('p', { class: 'error' }, run.error) : '');
}

async function sites() {
  const entities = await load('/api/site', box('sites'));
  if (!entities) return [];
  const buildings = entities.filter((e) => e.type === 'Building');
  section('sites', table(['Site', 'Congestion point', { label: 'Devices', num: true }, { label: 'Import limit', num: true }, ''],
    buildings.map((b) => {
      const id = b.id.replace('urn:ngsi-ld:Building:', '');
      const cp = value(b.congestionPoint);
      return [el('a', { href: `/energy.html?site=${encodeURIComponent(id)}` }, value(b.name) || id),
        el('a', { href: `/flexibility.html?cp=${encodeURIComponent(cp)}` }, cp),
        fmt((b.hasDevice?.object || []).length, '', 0), fmt(value(b.importLimit), 'kW'),
        el('a', { href: '/configuration.html' }, 'configure')];
    })));
  return [...new Set(buildings.map((b) => value(b.congestionPoint)))];
}

async function flexibility(cps) {
  const rows = [];
  for (const cp of cps) {
    const body = await load(`/api/dashboard/flexibility?congestionPoint=${encodeURIComponent(cp)}`, box('flex'));
    if (!body) return;
    for (const c of body.conversations) {
      const of = (type) => c.messages.filter((m) => m.type === type);
      const request = of('FlexRequest')[0];
      const ordered = of('FlexOrder').some((m) => m.status === 'ACCEPTED');
      const open = request?.status === 'ACCEPTED' && !ordered;
      rows.push([c.period, el('a', { href: `/flexibility.html?cp=${encodeURIComponent(cp)}#conv-${c.conversationId}` }, cp),
        stateBadge(request?.status), open ? el('span', { class: 'badge info' }, 'open') : (ordered ? 'ordered' : 'closed'),
        fmt(of('FlexOffer').length, '', 0), fmt(of('FlexOrder').length, '', 0)]);
    }
  }
  section('flex', rows.length
    ? table(['Day', 'Congestion point', 'Request', 'State', { label: 'Offers', num: true }, { label: 'Orders', num: true }], rows)
    : el('p', { class: 'muted' }, 'No FlexRequest for today or tomorrow.'));
}

async function dr() {
  const events = await load('/api/dr/events?limit=500', box('dr'));
  if (!events) return;
  const counts = {};
  for (const e of events) counts[e.state] = (counts[e.state] || 0) + 1;
  const states = ['SCHEDULED', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'];
  section('dr', table(['State', { label: 'Events', num: true }],
    states.map((s) => [el('a', { href: `/dr.html?state=${s}` }, stateBadge(s)), fmt(counts[s] || 0, '', 0)])));
}

async function probes() {
  const body = await load('/api/probes', box('probes'));
  if (!body) return;
  const rows = body.probes.map((p) => {
    const stages = p.lastRun?.stages || [];
    const failed = stages.find((s) => s.outcome !== 'VALID');
    const outcome = !p.lastRun ? el('span', { class: 'badge' }, 'not run yet')
      : stateBadge(failed ? failed.outcome : 'VALID');
    return [el('a', { href: `/api/probes/${encodeURIComponent(p.id)}/results` }, p.id), outcome, when(p.nextRun)];
  });
  section('probes', rows.length ? table(['Probe', 'Last run', 'Next run'], rows) : el('p', { class: 'muted' }, 'No probe defined.'),
    body.errors.length ? el('p', { class: 'error' }, `${body.errors.length} definition error(s): ${body.errors[0].text}`) : '');
}

const cps = await sites();
await Promise.all([health(), backlogs(), nightly(), flexibility(cps), dr(), probes()]);
ready();
