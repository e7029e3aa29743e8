import { api, el, load, nav, ready, table } from './app.js';

nav();

const $ = (id) => document.getElementById(id);
const value = (p) => (p && typeof p === 'object' && 'value' in p ? p.value : p);
const TYPES = [['controllable', 'Controllable'], ['shiftable', 'Shiftable'], ['non-shiftable', 'Non-shiftable']];
const rows = [];

/** The API names the field its 400 is about at the start of the message; the message goes next to that field. */
function fieldOf(message) {
  if (message.startsWith('controllabilityFactor')) return 'factor';
  if (message.startsWith('operationWindow')) return 'window';
  if (message.startsWith('flexibilityType')) return 'type';
  return 'row';
}

function row(config, names, index) {
  const key = `c${index}`;
  const device = config.refDevice?.object;
  const type = (value(config.flexibilityType) || [])[0] ?? value(config.flexibilityType);
  const window = value(config.operationWindow);
  const factor = value(config.controllabilityFactor);
  const label = names.get(device) || device.replace('urn:ngsi-ld:Device:', '');
  const error = (name) => el('div', { class: 'error', id: `${key}-${name}-error`, role: 'alert' });
  const select = el('select', { id: `${key}-type`, name: 'flexibilityType', 'aria-describedby': `${key}-type-error` },
    TYPES.map(([v, text]) => el('option', { value: v, selected: v === type }, text)));
  const factorInput = el('input', { type: 'text', inputmode: 'decimal', id: `${key}-factor`, name: 'controllabilityFactor',
    placeholder: 'e.g. 0.8', size: 6, value: factor ?? '', 'aria-describedby': `${key}-factor-error` });
  const windowInput = el('input', { type: 'text', id: `${key}-window`, name: 'operationWindow', placeholder: 'e.g. 20:00-08:00',
    size: 12, value: window ? `${window.startTime}-${window.endTime}` : '', 'aria-describedby': `${key}-window-error` });
  const errors = { type: error('type'), factor: error('factor'), window: error('window'), row: error('row') };
  const r = { config, key, select, factorInput, windowInput, errors, saved: null };
  r.saved = snapshot(r);
  const applies = () => {
    factorInput.disabled = select.value !== 'controllable';
    windowInput.disabled = select.value !== 'shiftable';
  };
  select.addEventListener('change', applies);
  applies();
  rows.push(r);
  return [
    el('span', {}, el('label', { for: `${key}-type` }, label), el('div', { class: 'muted small' }, device.replace('urn:ngsi-ld:Device:', '')), errors.row),
    el('span', {}, select, errors.type),
    el('span', {}, el('label', { for: `${key}-factor`, class: 'sr-label' }, `Controllability factor of ${label}`), factorInput, errors.factor),
    el('span', {}, el('label', { for: `${key}-window`, class: 'sr-label' }, `Operation window of ${label}`), windowInput, errors.window),
  ];
}

function snapshot(r) {
  return JSON.stringify([r.select.value, r.factorInput.value.trim(), r.windowInput.value.trim()]);
}

/** The entity as the API takes it; what the user typed goes as typed, so that the API's own message explains it. */
function body(r) {
  const entity = { type: 'FlexConfiguration', refDevice: r.config.refDevice,
    flexibilityType: { type: 'Property', value: [r.select.value] } };
  if (r.select.value === 'controllable') {
    const raw = r.factorInput.value.trim();
    const n = Number(raw);
    entity.controllabilityFactor = { type: 'Property', value: raw !== '' && Number.isFinite(n) ? n : (raw === '' ? null : raw) };
  }
  if (r.select.value === 'shiftable') {
    const [start, end] = r.windowInput.value.split('-').map((s) => s.trim());
    entity.operationWindow = { type: 'Property', value: { startTime: start ?? '', endTime: end ?? '' } };
  }
  return entity;
}

function clear(r) {
  for (const e of Object.values(r.errors)) e.textContent = '';
  for (const input of [r.select, r.factorInput, r.windowInput]) input.removeAttribute('aria-invalid');
}

async function confirmAll(event) {
  event.preventDefault();
  const changed = rows.filter((r) => snapshot(r) !== r.saved);
  const status = $('status');
  if (!changed.length) {
    status.className = 'notice';
    status.textContent = 'Nothing changed.';
    return;
  }
  $('confirm').disabled = true;
  let failed = 0;
  let firstInvalid = null;
  for (const r of changed) {
    clear(r);
    try {
      const saved = await api(`/api/flex/configurations/${encodeURI(r.config.id)}`, { method: 'PUT', body: body(r) });
      r.config = saved;
      r.saved = snapshot(r);
    } catch (e) {
      failed++;
      const field = fieldOf(e.message);
      r.errors[field].textContent = e.message;
      const input = { type: r.select, factor: r.factorInput, window: r.windowInput }[field];
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        firstInvalid ??= input;
      }
    }
  }
  $('confirm').disabled = false;
  status.className = failed ? 'notice bad' : 'notice';
  status.textContent = failed ? `${changed.length - failed} saved, ${failed} refused: see the messages next to the fields.`
    : `${changed.length} configuration(s) saved.`;
  firstInvalid?.focus();
}

async function init() {
  const [configs, entities] = await Promise.all([load('/api/flex/configurations', $('rows')), load('/api/site')]);
  if (configs) {
    const names = new Map((entities || []).filter((e) => e.type !== 'Building').map((e) => [e.id, value(e.name)]));
    configs.sort((a, b) => a.id.localeCompare(b.id));
    $('rows').replaceChildren(table(['Device', 'Flexibility type', 'Controllability factor', 'Operation window'],
      configs.map((c, i) => row(c, names, i))));
  }
  $('panel').addEventListener('submit', confirmAll);
  ready();
}

init();
