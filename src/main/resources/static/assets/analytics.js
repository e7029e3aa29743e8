import { ApiError, chart, el, fmt, isoDate, load, nav, params, pct, ready, round, table, upload } from './app.js';

nav();

const $ = (id) => document.getElementById(id);
const value = (p) => (p && typeof p === 'object' && 'value' in p ? p.value : p);
const BASE = '/api/analytics/congestion-points/';
const HEAT = ['#f4f8fc', '#c9def2', '#7fb1dd', '#e98b5a', '#c0392b'];

function remember() {
  const url = new URL(location.href);
  url.searchParams.set('cp', $('cp').value);
  url.searchParams.set('from', $('from').value);
  url.searchParams.set('days', $('days').value);
  history.replaceState(null, '', url);
}

const clock = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

function heatOption(xs, ys, data, xName, tooltip) {
  return {
    animation: false,
    grid: { left: 96, right: 16, top: 16, bottom: 72 },
    tooltip: { formatter: tooltip },
    xAxis: { type: 'category', data: xs, name: xName, nameLocation: 'middle', nameGap: 26, splitArea: { show: true } },
    yAxis: { type: 'category', data: ys, inverse: true },
    visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      inRange: { color: HEAT }, formatter: (v) => pct(v) },
    series: [{ name: 'Probability', type: 'heatmap', data, progressive: 0 }],
  };
}

/** CSV of a grid: one row per y, one column per x. */
const gridCsv = (corner, xs, ys, cell) => () => [[corner, ...xs].join(','),
  ...ys.map((y, r) => [y, ...xs.map((_, c) => cell(r, c) ?? '')].join(','))].join('\n') + '\n';

function forecastChart(body) {
  const days = body.days;
  const width = Math.max(...days.map((d) => d.isps.length));
  const xs = Array.from({ length: width }, (_, i) => String(i + 1));
  // short labels that fit the axis; a holiday on a weekday says so
  const ys = days.map((d) => {
    const label = new Date(`${d.date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    const weekday = new Date(`${d.date}T12:00:00Z`).getUTCDay();
    return d.dayType === 'sunday-or-holiday' && weekday !== 0 ? `${label} (holiday)` : label;
  });
  const data = [];
  days.forEach((d, r) => d.isps.forEach((i) => data.push([i.isp - 1, r, round(i.probability)])));
  const at = (r, c) => days[r].isps[c];
  chart($('forecast-chart'), 'forecast', `FlexRequest probability per ISP, next ${days.length} day(s)`,
    heatOption(xs, ys, data, 'ISP (1-based, market time zone)', (p) => {
      const i = at(p.value[1], p.value[0]);
      const kw = i.requestedKw && i.requestedKw.median !== null
        ? `<br>${i.direction}: median ${fmt(i.requestedKw.median, 'kW')}, P90 ${fmt(i.requestedKw.p90, 'kW')}` : '';
      return `${days[p.value[1]].date} (${days[p.value[1]].dayType}) ISP ${i.isp} (${clock(i.start)})<br>probability ${pct(i.probability)}${kw}`;
    }), gridCsv('day', xs, days.map((d) => d.date), (r, c) => (at(r, c) ? round(at(r, c).probability) : null)));
}

function heatmapChart(heatmap) {
  if (!heatmap) {
    $('heatmap-chart').replaceChildren(el('p', { class: 'muted' }, 'No history to draw a heatmap from.'));
    return;
  }
  const minutes = (24 * 60) / heatmap.slots;
  const xs = Array.from({ length: heatmap.slots }, (_, s) => {
    const m = s * minutes;
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  });
  const data = [];
  heatmap.frequency.forEach((row, r) => row.forEach((v, c) => { if (v !== null) data.push([c, r, round(v)]); }));
  chart($('heatmap-chart'), 'heatmap', 'Share of days with a request, weekday x time of day (history)',
    heatOption(xs, heatmap.rows, data, 'local time', (p) => `${heatmap.rows[p.value[1]]} ${xs[p.value[0]]}: ${pct(p.value[2])}`),
    gridCsv('day type', xs, heatmap.rows, (r, c) => round(heatmap.frequency[r][c])));
}

function backtest(body) {
  const leads = body.leads;
  $('backtest').replaceChildren(el('h2', { id: 'h-backtest' }, 'Backtest'),
    el('p', { class: 'muted small' }, `Rolling origin, ${body.firstTarget} to ${body.lastTarget}; an ISP counts as predicted `
      + `requested from ${pct(body.threshold)}. Skill: 1 − Brier / Brier of the reference (above 0 is better than it).`),
    table([{ label: 'Lead (days)', num: true }, { label: 'Days', num: true }, { label: 'Base rate', num: true },
      { label: 'Brier', num: true }, { label: 'Brier last week', num: true }, { label: 'Brier long run', num: true },
      { label: 'Skill vs last week', num: true }, { label: 'Skill vs long run', num: true },
      { label: 'Precision', num: true }, { label: 'Recall', num: true }],
    leads.map((l) => [fmt(l.leadDays, '', 0), fmt(l.days, '', 0), pct(l.baseRate), fmt(l.model.brier, '', 4),
      fmt(l.lastWeek.brier, '', 4), fmt(l.longRun.brier, '', 4), fmt(l.skillVsLastWeek, '', 3), fmt(l.skillVsLongRun, '', 3),
      pct(l.model.precision), pct(l.model.recall)])));
  const series = leads.map((l) => ({ name: `${l.leadDays} day(s) ahead`, type: 'line', showSymbol: true,
    data: l.reliability.filter((b) => b.meanProbability !== null).map((b) => [round(b.meanProbability), round(b.observedFrequency)]) }));
  series.push({ name: 'Perfect', type: 'line', showSymbol: false, lineStyle: { type: 'dashed', color: '#999' }, data: [[0, 0], [1, 1]] });
  chart($('reliability-chart'), 'reliability', 'Reliability: forecast probability against observed frequency', {
    animation: false, grid: { left: 48, right: 16, top: 40, bottom: 40 }, legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'item', formatter: (p) => `${p.seriesName}: forecast ${pct(p.value[0])}, observed ${pct(p.value[1])}` },
    xAxis: { type: 'value', min: 0, max: 1, name: 'forecast', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: (v) => pct(v) } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'observed', axisLabel: { formatter: (v) => pct(v) } },
    series,
  });
}

const windowText = (w) => `${w.season} ${w.dayType} ${w.from}–${w.to}`;

function patterns(body) {
  $('windows').replaceChildren(el('h2', { id: 'h-windows' }, 'Flexibility windows'), body.windows.length
    ? table(['Season', 'Day type', 'Window', 'Direction', { label: 'Peak', num: true }, { label: 'Median kW', num: true },
      { label: 'Days / year', num: true }],
    body.windows.map((w) => [w.season, w.dayType, `${w.from}–${w.to}`, w.direction || '–', pct(w.peakProbability),
      fmt(w.requestedKw?.median, 'kW'), fmt(w.expectedDaysPerYear, '', 0)]))
    : el('p', { class: 'muted' }, `No window reaches ${pct(body.windowThreshold)}.`));
  $('rate-plans').replaceChildren(el('h2', { id: 'h-plans' }, 'Rate-plan proposals'), body.ratePlans.length
    ? el('div', {}, body.ratePlans.map((p) => el('article', { class: 'plan' },
      el('h3', {}, p.name || p.site),
      el('p', { class: 'muted small' }, p.incentiveEurPerKwh === null
        ? 'No offers seen for this point yet, so no incentive can be derived; the windows stand on the request history alone.'
        : `Incentive ${fmt(p.incentiveEurPerKwh, 'EUR/kWh', 3)}: ${pct(p.basis.occupantShare)} of the volume-weighted price of `
          + `${fmt(p.basis.offers, '', 0)} offer(s) (${fmt(p.basis.ordered, '', 0)} ordered, ${fmt(p.basis.volumeKwh, 'kWh')}).`),
      table(['Window', 'Direction', { label: 'Incentive', num: true }, { label: 'Offers', num: true }],
        p.windows.map((w) => [windowText(w.window), w.window.direction || '–', fmt(w.incentiveEurPerKwh, 'EUR/kWh', 3),
          fmt(w.offers, '', 0)])))))
    : el('p', { class: 'muted' }, 'No site behind this congestion point.'));
}

async function refresh() {
  remember();
  const cp = encodeURIComponent($('cp').value);
  $('status').textContent = 'Loading…';
  const [forecast, test, pattern] = await Promise.all([
    load(`${BASE}${cp}/forecast?from=${$('from').value}&days=${$('days').value}`, $('forecast-chart')),
    load(`${BASE}${cp}/backtest`, $('backtest')),
    load(`${BASE}${cp}/patterns`, $('windows'))]);
  if (forecast) {
    forecastChart(forecast);
    const h = forecast.history;
    $('status').textContent = `${forecast.method}; history ${h.first ?? '–'} to ${h.last ?? '–'} (${fmt(h.days, '', 0)} days of its own).`;
  } else {
    $('status').textContent = '';
  }
  if (test) backtest(test);
  if (pattern) {
    heatmapChart(pattern.heatmap);
    patterns(pattern);
  }
  ready();
}

async function importFile(event) {
  event.preventDefault();
  const file = $('import-file').files[0];
  $('import-error').textContent = '';
  if (!file) {
    $('import-error').textContent = 'Choose a .xml or .zip file first.';
    return;
  }
  const type = /\.zip$/i.test(file.name) ? 'application/zip' : 'application/xml';
  $('import-submit').disabled = true;
  try {
    const report = await upload('/api/analytics/flex-requests', file, type);
    $('import-result').replaceChildren(el('p', { class: 'notice', id: 'import-counts' },
      `${file.name}: ${fmt(report.imported, '', 0)} imported, ${fmt(report.duplicate, '', 0)} duplicate, `
        + `${fmt(report.rejected, '', 0)} rejected.`),
    report.rejections.length ? table(['File', 'Reason'], report.rejections.map((r) => [r.file, r.reason])) : '');
    await refresh();
  } catch (e) {
    $('import-error').textContent = e instanceof ApiError ? e.message : String(e);
  } finally {
    $('import-submit').disabled = false;
  }
}

async function init() {
  const entities = (await load('/api/site', $('forecast-chart'))) || [];
  const cps = [...new Set(entities.filter((e) => e.type === 'Building').map((e) => value(e.congestionPoint)))];
  if (params.get('cp') && !cps.includes(params.get('cp'))) cps.push(params.get('cp'));
  $('cp').replaceChildren(...cps.map((cp) => el('option', { value: cp }, cp)));
  $('cp').value = params.get('cp') || cps[0] || '';
  $('from').value = params.get('from') || isoDate(new Date());
  $('days').value = params.get('days') || '7';
  for (const id of ['cp', 'from', 'days']) $(id).addEventListener('change', refresh);
  $('import-form').addEventListener('submit', importFile);
  await refresh();
}

init();
