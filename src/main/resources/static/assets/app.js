// Shared by every page: navigation, API calls with the CSRF token, number formatting, charts with downloads.
/* global echarts */

const PAGES = [
  ['/', 'Overview'],
  ['/energy.html', 'Building energy'],
  ['/flexibility.html', 'Flexibility'],
  ['/dr.html', 'DR events'],
  ['/configuration.html', 'Configuration'],
  ['/analytics.html', 'Grid patterns'],
];

export const params = new URLSearchParams(location.search);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function cookie(name) {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

/** A form that posts the session's CSRF token with it (the login and logout forms). */
export function fillCsrf(form) {
  const input = form.querySelector('input[name="_csrf"]');
  if (input) input.value = cookie('XSRF-TOKEN') || '';
}

export function nav() {
  const here = location.pathname === '/index.html' ? '/' : location.pathname;
  const links = PAGES.map(([href, label]) => el('a', { class: 'link', href, 'aria-current': href === here ? 'page' : null }, label));
  const logout = el('form', { method: 'post', action: '/logout' },
    el('input', { type: 'hidden', name: '_csrf' }), el('button', { type: 'submit' }, 'Log out'));
  logout.addEventListener('submit', () => fillCsrf(logout));
  const header = el('header', { class: 'topbar' }, el('nav', { 'aria-label': 'Main' },
    el('a', { class: 'brand', href: '/' }, 'flexhub'), links, el('span', { class: 'spacer' }),
    el('a', { class: 'link', href: '/api/docs/' }, 'API'),
    el('a', { class: 'link', href: '/actuator/hawtio/' }, 'Hawtio'), logout));
  document.body.prepend(header);
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The hub's JSON reply; a lost session sends the browser to the login page, a refusal throws its detail. */
async function reply(response) {
  if (response.status === 401) {
    location.href = '/login';
    throw new ApiError(401, 'not logged in');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
  if (!response.ok) {
    throw new ApiError(response.status, (data && (data.detail || data.message || data.error)) || `HTTP ${response.status}`);
  }
  return data;
}

/** JSON from the hub. Writes carry X-XSRF-TOKEN. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN') || '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return reply(await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) }));
}

/** Sends a file as it is (its own Content-Type), with the session's CSRF token. */
export async function upload(path, file, contentType) {
  return reply(await fetch(path, { method: 'POST', credentials: 'same-origin', body: file,
    headers: { Accept: 'application/json', 'Content-Type': contentType, 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' } }));
}

/** Like api(), but a failure is shown in place of the content and answers null. */
export async function load(path, target) {
  try {
    return await api(path);
  } catch (e) {
    if (target) target.replaceChildren(el('p', { class: 'notice bad', role: 'alert' }, `${path}: ${e.message}`));
    return null;
  }
}

const formats = new Map();
/**
 * The one way numbers are shown: rounded for people, no exponent, no "-0".
 * @param digits fraction digits; default: 0 at 100 and above, 1 from 10, else 2
 */
export function fmt(value, unit = '', digits) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '–';
  let v = Number(value);
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  const scale = 10 ** d;
  v = Math.round(v * scale) / scale;
  if (Object.is(v, -0) || Math.abs(v) < 0.5 / scale) v = 0;
  if (!formats.has(d)) formats.set(d, new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: d }));
  const text = formats.get(d).format(v);
  return unit ? `${text} ${unit}` : text;
}

/** Rounded like fmt(), as a number (chart data, CSV). */
export function round(value, digits = 3) {
  if (value === null || value === undefined) return null;
  const scale = 10 ** digits;
  const v = Math.round(Number(value) * scale) / scale;
  return Object.is(v, -0) ? 0 : v;
}

export function pct(ratio) {
  return ratio === null || ratio === undefined ? '–' : fmt(ratio * 100, '%', 1);
}

export function when(iso, withDate = true) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', withDate
    ? { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { hour: '2-digit', minute: '2-digit' });
}

export function isoDate(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 10);
}

export function stateBadge(state) {
  const kind = { UP: 'ok', ACCEPTED: 'ok', COMPLETED: 'ok', SENT: 'ok', Accepted: 'ok', VALID: 'ok',
    ACTIVE: 'info', SCHEDULED: 'info', PENDING: 'warn', SENDING: 'warn', OUT_OF_SERVICE: 'warn', RECEIVED: 'warn',
    CANCELLED: 'warn', DOWN: 'bad', TIMEOUT: 'bad', FAILED: 'bad', REJECTED: 'bad', Rejected: 'bad', ERROR: 'bad' }[state] || '';
  return el('span', { class: `badge ${kind}` }, state ?? '–');
}

export function table(headers, rows) {
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : null }, h.label ?? h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => el('td', { class: headers[i]?.num ? 'num' : null }, c)))))));
}

// ---- charts ---------------------------------------------------------------------------------------------

const charts = new Map();
window.flexhub = { charts, csv: (id) => charts.get(id)?.csv() };
window.addEventListener('resize', () => charts.forEach((c) => c.instance.resize()));

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The x-y values each series of the chart shows, one row per x, one column per series. */
function toCsv(option) {
  const series = option.series.filter((s) => Array.isArray(s.data) && !s.noCsv);
  const xs = [];
  const seen = new Set();
  const columns = series.map((s) => {
    const byX = new Map();
    s.data.forEach((point, i) => {
      const [x, y] = Array.isArray(point) ? point : [option.xAxis?.data?.[i] ?? i, point?.value ?? point];
      if (!seen.has(x)) { seen.add(x); xs.push(x); }
      byX.set(x, y);
    });
    return byX;
  });
  const header = ['x', ...series.map((s) => s.name)];
  const lines = [header.map(csvCell).join(',')];
  for (const x of xs) lines.push([x, ...columns.map((c) => (c.has(x) ? c.get(x) : ''))].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

/**
 * A chart card: title, CSV / PNG / SVG buttons, the ECharts instance. Calling it again with the same id replaces
 * the option (the resolution switch), keeping the instance.
 */
export function chart(container, id, title, option, csv) {
  let entry = charts.get(id);
  if (!entry) {
    const box = el('div', { class: 'chart', id: `chart-${id}`, role: 'img', 'aria-label': title });
    const buttons = el('div', { class: 'downloads' },
      el('button', { type: 'button', 'data-download': 'csv', onclick: () => download(`${id}.csv`, new Blob([entry.csv()], { type: 'text/csv' })) }, 'CSV'),
      el('button', { type: 'button', 'data-download': 'png', onclick: () => download(`${id}.png`, dataUrlBlob(entry.instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }))) }, 'PNG'),
      el('button', { type: 'button', 'data-download': 'svg', onclick: () => download(`${id}.svg`, new Blob([entry.svg()], { type: 'image/svg+xml' })) }, 'SVG'));
    container.replaceChildren(el('header', {}, el('h2', {}, title), buttons), box);
    container.classList.add('chart-card');
    const instance = echarts.init(box, null, { renderer: 'canvas' });
    entry = { instance, option: null, csv: null, svg: () => svgOf(box, entry.option) };
    charts.set(id, entry);
  }
  entry.option = option;
  entry.csv = csv || (() => toCsv(entry.option));
  entry.instance.setOption(option, { notMerge: true });
  return entry.instance;
}

function dataUrlBlob(url) {
  const [head, data] = url.split(',');
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5, head.indexOf(';')) });
}

/** The same option drawn once by ECharts' SVG renderer, off screen. */
function svgOf(box, option) {
  const off = el('div', { style: `position:absolute;left:-10000px;width:${box.clientWidth}px;height:${box.clientHeight}px` });
  document.body.append(off);
  const svg = echarts.init(off, null, { renderer: 'svg' });
  svg.setOption({ ...option, animation: false });
  const text = svg.renderToSVGString();
  svg.dispose();
  off.remove();
  return text;
}

/** Base option of a time-axis chart: grid, tooltip with rounded values, legend. */
export function timeOption(unit, series, extra = {}) {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 56 },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v, unit) },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: unit, axisLabel: { formatter: (v) => fmt(v) } },
    series,
    ...extra,
  };
}

/** A step series from parallel timestamps and values (null: a gap); each value holds until the next timestamp. */
export function steps(name, timestamps, values, more = {}) {
  return { name, type: 'line', step: 'end', showSymbol: false, connectNulls: false,
    data: timestamps.map((t, i) => [t, round(values?.[i])]), ...more };
}

/** Marks the page drawn; readyMs (since navigation start) is what the timing harness reads. */
export function ready() {
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
  window.dispatchEvent(new Event('flexhub:ready'));
}
