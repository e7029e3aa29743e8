import { chart, el, fmt, isoDate, load, nav, params, pct, ready, round, steps, table, timeOption } from './app.js';

nav();

const $ = (id) => document.getElementById(id);
const status = $('status');
const COLORS = { load: '#3f6fb5', pv: '#e3a008', ev: '#7b4fb5', battery: '#2a9d8f', grid: '#c0392b' };

function inputs() {
  return { site: $('site').value, from: $('from').value, to: $('to').value, resolution: $('resolution').value,
    period: $('period').value };
}

/** The page's settings stay in its URL, so that a view can be linked and reloaded. */
function remember() {
  const v = inputs();
  const url = new URL(location.href);
  for (const [k, value] of Object.entries(v)) url.searchParams.set(k, value);
  history.replaceState(null, '', url);
}

async function series() {
  const v = inputs();
  const body = await load(`/api/energy/sites/${encodeURIComponent(v.site)}/series?from=${v.from}&to=${v.to}&resolution=${v.resolution}`, $('energy-chart'));
  if (!body) return;
  const s = body.series;
  const unit = body.unit;
  chart($('energy-chart'), 'energy', `Consumption and generation (${unit})`, timeOption(unit,
    ['load', 'pv', 'ev', 'battery', 'grid'].map((k) => steps({ load: 'Load', pv: 'PV', ev: 'EV charging', battery: 'Battery', grid: 'Grid' }[k],
      body.timestamps, s[k], { color: COLORS[k] }))));
  chart($('forecast-chart'), 'forecast', `Forecast against actual (${unit})`, timeOption(unit, [
    steps('Load', body.timestamps, s.load, { color: COLORS.load }),
    steps('Load forecast', body.timestamps, s.loadForecast, { color: COLORS.load, lineStyle: { type: 'dashed' } }),
    steps('PV', body.timestamps, s.pv, { color: COLORS.pv }),
    steps('PV forecast', body.timestamps, s.pvForecast, { color: COLORS.pv, lineStyle: { type: 'dashed' } })]));
}

/**
 * The ISPs where the nightly run kept grid headroom, as shaded bands over the plan: a series without points (its
 * legend entry toggles the bands), left out of the CSV.
 */
function headroomBands(name, timestamps, flags, color) {
  const bands = [];
  const step = timestamps.length > 1 ? Date.parse(timestamps[1]) - Date.parse(timestamps[0]) : 900000;
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i] || (i > 0 && flags[i - 1])) continue;
    let j = i;
    while (j + 1 < flags.length && flags[j + 1]) j++;
    bands.push([{ xAxis: timestamps[i] }, { xAxis: new Date(Date.parse(timestamps[j]) + step).toISOString() }]);
  }
  return { name, type: 'line', data: [], noCsv: true, color,
    markArea: { silent: true, itemStyle: { color, opacity: 0.12 }, data: bands } };
}

async function plan() {
  const v = inputs();
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  const body = await load(`/api/energy/sites/${encodeURIComponent(v.site)}/plan?date=${isoDate(tomorrow)}`, $('plan-chart'));
  if (!body) return;
  const t = body.timestamps;
  const series = (body.evs || []).map((ev) => steps(ev.name || ev.deviceId, t, ev.kw, { stack: 'ev', areaStyle: { opacity: 0.35 } }));
  if (body.battery) {
    series.push(steps('Battery kW', t, body.battery.kw, { color: COLORS.battery }));
    series.push(steps('Battery SoC', t, body.battery.socKwh, { yAxisIndex: 1, color: '#444', lineStyle: { type: 'dotted' } }));
  }
  const room = body.headroom && body.headroom.status === 'KEPT' ? body.headroom : null;
  if (room) {
    series.push(headroomBands('Headroom: likely REDUCE request', t, room.reduce, 'rgb(200, 60, 40)'));
    series.push(headroomBands('Headroom: likely INCREASE request', t, room.increase, 'rgb(40, 110, 200)'));
  }
  const title = `Tomorrow's plan, ${body.date}` + (body.runId ? ` (run ${body.runId})` : '')
    + (room ? `, headroom kept in ${room.reduce.filter(Boolean).length + room.increase.filter(Boolean).length} ISPs`
      + ` (${fmt(room.costEur, 'EUR')})` : '');
  chart($('plan-chart'), 'plan', title, timeOption('kW', series, {
    yAxis: [{ type: 'value', name: 'kW', axisLabel: { formatter: (x) => fmt(x) } },
      { type: 'value', name: 'kWh', axisLabel: { formatter: (x) => fmt(x) } }],
    tooltip: { trigger: 'axis', valueFormatter: (x) => fmt(x) },
    title: body.reason ? { text: body.reason, left: 'center', top: 'middle', textStyle: { fontSize: 13, color: '#55606e', fontWeight: 'normal' } } : undefined,
  }));
}

async function kpis() {
  const v = inputs();
  const body = await load(`/api/energy/sites/${encodeURIComponent(v.site)}/kpis?period=${v.period}&from=${v.from}&to=${v.to}`, $('kpi-chart'));
  if (!body) return;
  const p = body.periods;
  const x = p.map((r) => r.start);
  chart($('kpi-chart'), 'kpis', `Cost per ${v.period} (EUR)`, {
    animation: false,
    grid: { left: 56, right: 56, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (y) => fmt(y) },
    xAxis: { type: 'category', data: x },
    yAxis: [{ type: 'value', name: 'EUR', axisLabel: { formatter: (y) => fmt(y) } },
      { type: 'value', name: '%', min: 0, max: 100, axisLabel: { formatter: (y) => fmt(y) } }],
    series: [
      { name: 'Grid cost', type: 'bar', data: p.map((r) => round(r.gridCostEur, 2)), color: COLORS.grid },
      { name: 'Baseline cost', type: 'bar', data: p.map((r) => round(r.baselineCostEur, 2)), color: '#9aa5b1' },
      { name: 'Saving', type: 'bar', data: p.map((r) => round(r.savingEur, 2)), color: '#2fa84f' },
      { name: 'Self-consumption %', type: 'line', yAxisIndex: 1, data: p.map((r) => round(r.selfConsumptionRatio === null ? null : r.selfConsumptionRatio * 100, 1)) },
      { name: 'Self-sufficiency %', type: 'line', yAxisIndex: 1, data: p.map((r) => round(r.selfSufficiency === null ? null : r.selfSufficiency * 100, 1)) },
    ],
  });
  $('kpi-table').replaceChildren(el('h2', { id: 'h-kpis' }, `KPIs per ${v.period}`), table(
    ['Start', { label: 'PV', num: true }, { label: 'Load', num: true }, { label: 'Import', num: true }, { label: 'Export', num: true },
      { label: 'Self-consumption', num: true }, { label: 'Self-sufficiency', num: true }, { label: 'Grid cost', num: true },
      { label: 'Baseline', num: true }, { label: 'Saving', num: true }],
    p.map((r) => [r.start, fmt(r.pvKwh, 'kWh'), fmt(r.loadKwh, 'kWh'), fmt(r.importKwh, 'kWh'), fmt(r.exportKwh, 'kWh'),
      pct(r.selfConsumptionRatio), pct(r.selfSufficiency), fmt(r.gridCostEur, 'EUR', 2), fmt(r.baselineCostEur, 'EUR', 2),
      fmt(r.savingEur, 'EUR', 2)])));
}

async function refresh(what = 'all') {
  remember();
  document.body.dataset.ready = 'false';
  status.textContent = 'Loading…';
  const started = performance.now();
  if (what === 'kpis') await kpis();
  else if (what === 'series') await series();
  else await Promise.all([series(), plan(), kpis()]);
  status.textContent = `Updated in ${fmt(performance.now() - started, 'ms', 0)}.`;
  ready();
}

async function init() {
  const sites = await load('/api/energy/sites', $('energy-chart'));
  if (!sites || !sites.length) {
    status.textContent = 'No site has energy data.';
    ready();
    return;
  }
  $('site').replaceChildren(...sites.map((s) => el('option', { value: s.siteId }, s.name || s.siteId)));
  const wanted = sites.find((s) => s.siteId === params.get('site')) || sites[0];
  $('site').value = wanted.siteId;
  const to = params.get('to') || (wanted.to ? wanted.to.slice(0, 10) : isoDate(new Date()));
  const from = params.get('from') || (() => { const d = new Date(`${to}T12:00:00`); d.setDate(d.getDate() - 6); return isoDate(d); })();
  $('from').value = from;
  $('to').value = to;
  if (params.get('resolution')) $('resolution').value = params.get('resolution');
  if (params.get('period')) $('period').value = params.get('period');
  $('site-name').textContent = `${wanted.name || wanted.siteId}: data from ${wanted.from?.slice(0, 10) ?? '–'} to ${wanted.to?.slice(0, 10) ?? '–'}.`;
  await refresh();
  $('resolution').addEventListener('change', () => refresh('series'));
  $('period').addEventListener('change', () => refresh('kpis'));
  for (const id of ['site', 'from', 'to']) $(id).addEventListener('change', () => refresh());
}

init();
