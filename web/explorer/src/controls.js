// The sidebar's controls: how to draw (colour by, size by) and which view of
// the network to draw (the NetworkFilter: kinds, sectors, focus areas, tie
// types, country and the date slider). Each control writes to the store;
// main.js reloads what depends on the change.

import { h, replaceChildren, debounce } from './dom.js';
import { dayNumber, formatDate, isoDay, today } from './format.js';
import { KINDS, SECTORS, FOCUS_AREAS, TIE_TYPES, METRICS } from './vocabulary.js';

/** The display section: colour by kind or sector, size by a centrality metric. */
export function displayControls(store) {
  const segment = (mode, label) =>
    h(
      'button.segment',
      {
        type: 'button',
        'aria-pressed': String(store.get().colorBy === mode),
        dataset: { mode },
        onclick: () => store.update((s) => (s.colorBy = mode)),
      },
      label,
    );
  const colour = h('div.segmented', { role: 'group', 'aria-label': 'Colour nodes by' }, segment('sector', 'Sector'), segment('kind', 'Kind'));
  const size = h(
    'select',
    { id: 'size-by', 'aria-label': 'Size nodes by', onchange: (e) => store.update((s) => (s.sizeBy = e.target.value)) },
    METRICS.map((m) => h('option', { value: m.value, title: m.hint }, `${m.label} centrality`)),
  );
  size.value = store.get().sizeBy;
  store.subscribe((s, changed) => {
    if (changed.has('colorBy')) {
      for (const b of colour.children) b.setAttribute('aria-pressed', String(b.dataset.mode === s.colorBy));
    }
    if (changed.has('sizeBy')) size.value = s.sizeBy;
  });
  return h(
    'div.control-stack',
    h('div.control', h('span.control-label', 'Colour by'), colour),
    h('label.control', { for: 'size-by' }, h('span.control-label', 'Size by'), size),
  );
}

/**
 * The filter section. `facets()` returns what the data offers: {countries:
 * [code], minDay} (the earliest tie date seen), refreshed by `update()`.
 */
export function filterControls(store, facets) {
  const groups = [
    chipGroup(store, 'kinds', 'Kinds', KINDS),
    chipGroup(store, 'sectors', 'Sectors', SECTORS),
    chipGroup(store, 'focusAreas', 'Focus areas', FOCUS_AREAS),
    chipGroup(store, 'tieTypes', 'Tie types', TIE_TYPES),
  ];

  // Country: the codes seen in the data so far.
  const country = h('select', {
    id: 'filter-country',
    'aria-label': 'Country',
    onchange: (e) => store.update((s) => (s.filter.country = e.target.value)),
  });
  const fillCountries = () => {
    const current = store.get().filter.country;
    const codes = new Set(facets().countries);
    if (current) codes.add(current);
    replaceChildren(
      country,
      h('option', { value: '' }, 'All countries'),
      [...codes].sort().map((c) => h('option', { value: c }, countryName(c))),
    );
    country.value = current;
  };

  // The date slider: days from the earliest tie date to today.
  const enabled = h('input', {
    type: 'checkbox',
    id: 'as-of-enabled',
    onchange: (e) =>
      store.update((s) => {
        s.filter.asOf = e.target.checked ? isoDay(Number(slider.value)) : '';
      }),
  });
  const slider = h('input', { type: 'range', id: 'as-of', 'aria-label': 'Date: the network as it stood on', step: '1' });
  const shown = h('output.date-output', { for: 'as-of', 'aria-live': 'polite' });
  const startLabel = h('span');
  const endLabel = h('span', 'today');
  const commit = debounce(() => store.update((s) => (s.filter.asOf = isoDay(Number(slider.value)))), 250);
  slider.addEventListener('input', () => {
    enabled.checked = true;
    shown.textContent = formatDate(isoDay(Number(slider.value)));
    commit();
  });
  const fillDate = () => {
    const asOf = store.get().filter.asOf;
    const max = today();
    let min = Math.min(facets().minDay ?? max - 3650, max - 365);
    if (asOf) min = Math.min(min, dayNumber(asOf));
    slider.min = String(min);
    slider.max = String(max);
    slider.value = String(asOf ? dayNumber(asOf) : max);
    enabled.checked = Boolean(asOf);
    slider.classList.toggle('inactive', !asOf);
    shown.textContent = asOf ? formatDate(asOf) : 'every date';
    startLabel.textContent = isoDay(min).slice(0, 4);
  };

  const clear = h(
    'button.link-button.clear-filters',
    {
      type: 'button',
      onclick: (e) => {
        e.preventDefault(); // it sits in the section's <summary>: do not fold the section
        store.update((s) => {
          s.filter = { kinds: [], sectors: [], focusAreas: [], tieTypes: [], country: '', asOf: '' };
        });
      },
    },
    'Clear all',
  );

  const root = h(
    'div.filters',
    groups.map((g) => g.root),
    h('div.control', h('label.control-label', { for: 'filter-country' }, 'Country'), country),
    h(
      'fieldset.control.date',
      h('legend.control-label', 'Point in time'),
      h('label.check', enabled, ' Show the network as it stood on ', shown),
      slider,
      h('div.range-ends', startLabel, endLabel),
    ),
  );

  const sync = (s) => {
    for (const g of groups) g.sync(s);
    fillCountries();
    fillDate();
    const any = Object.values(s.filter).some((v) => (Array.isArray(v) ? v.length : v));
    clear.hidden = !any;
  };
  store.subscribe((s, changed) => changed.has('filter') && sync(s));
  sync(store.get());
  return { root, clear, update: () => sync(store.get()) };
}

/** A group of toggle chips for one list field of the filter; none pressed means all. */
function chipGroup(store, key, label, options) {
  const buttons = options.map((o) =>
    h(
      'button.chip.toggle',
      {
        type: 'button',
        'aria-pressed': 'false',
        dataset: { value: o.value },
        onclick: () =>
          store.update((s) => {
            const list = s.filter[key];
            const i = list.indexOf(o.value);
            if (i >= 0) list.splice(i, 1);
            else list.push(o.value);
          }),
      },
      o.color ? h('span.dot', { style: { background: o.color } }) : null,
      o.label,
    ),
  );
  const root = h(
    'fieldset.control',
    { dataset: { filter: key } },
    h('legend.control-label', label),
    h('div.chips', buttons),
  );
  return {
    root,
    sync(s) {
      for (const b of buttons) b.setAttribute('aria-pressed', String(s.filter[key].includes(b.dataset.value)));
    },
  };
}

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

/** "MY" -> "Malaysia (MY)". */
function countryName(code) {
  try {
    const name = regionNames?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
