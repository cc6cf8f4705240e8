// The sidebar's controls: how to draw (colour by, size by) and which view of
// the network to draw (the NetworkFilter: kinds, sectors, focus areas, what
// links the stakeholders (ties of some types, or shared events), the evidence
// a tie needs, country, and the date slider with its timeline). Each control
// writes to the store; main.js reloads what depends on the change.

import { h, replaceChildren, debounce } from './dom.js';
import { dayNumber, formatDate, isoDay, today } from './format.js';
import { emptyFilter, isWholeNetwork } from './state.js';
import { Timeline } from './timeline.js';
import {
  KINDS,
  SECTORS,
  FOCUS_AREAS,
  TIE_TYPES,
  METRICS,
  EVENT_KINDS,
  ROLE_OPTIONS,
  MIN_SOURCES,
  MIN_KINDS,
} from './vocabulary.js';

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
    linkControls(store),
    evidenceControls(store),
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
  const endLabel = h('span');
  const commit = debounce(() => store.update((s) => (s.filter.asOf = isoDay(Number(slider.value)))), 250);
  slider.addEventListener('input', () => {
    enabled.checked = true;
    shown.textContent = formatDate(isoDay(Number(slider.value)));
    commit();
  });
  const fillDate = () => {
    const asOf = store.get().filter.asOf;
    // A year chosen on the timeline may end after today.
    const max = Math.max(today(), asOf ? dayNumber(asOf) : 0);
    let min = Math.min(facets().minDay ?? max - 3650, max - 365);
    if (asOf) min = Math.min(min, dayNumber(asOf));
    slider.min = String(min);
    slider.max = String(max);
    slider.value = String(asOf ? dayNumber(asOf) : max);
    enabled.checked = Boolean(asOf);
    slider.classList.toggle('inactive', !asOf);
    shown.textContent = asOf ? formatDate(asOf) : 'every date';
    startLabel.textContent = isoDay(min).slice(0, 4);
    endLabel.textContent = max > today() ? isoDay(max).slice(0, 4) : 'today';
  };
  const timeline = new Timeline(store);

  const clear = h(
    'button.link-button.clear-filters',
    {
      type: 'button',
      onclick: (e) => {
        e.preventDefault(); // it sits in the section's <summary>: do not fold the section
        store.update((s) => {
          s.filter = emptyFilter();
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
      timeline.root,
    ),
  );

  const sync = (s) => {
    for (const g of groups) g.sync(s);
    fillCountries();
    fillDate();
    clear.hidden = isWholeNetwork(s.filter);
  };
  store.subscribe((s, changed) => changed.has('filter') && sync(s));
  sync(store.get());
  return { root, clear, update: () => sync(store.get()) };
}

/**
 * What links the stakeholders: their ties, of the chosen types, or the
 * events they took part in together (the affiliation view), of the chosen
 * kinds and roles. The API takes no tie types for shared events, so their
 * chips rest while that is on, and keep their choice for the way back.
 */
function linkControls(store) {
  const tieTypes = chipGroup(store, 'tieTypes', 'Tie types', TIE_TYPES);
  const tieNote = h('p.control-note', { hidden: true }, 'Not used while stakeholders are linked by shared events.');
  tieTypes.root.append(tieNote);
  const eventKinds = chipGroup(store, 'eventKinds', 'Event kinds', EVENT_KINDS);
  const roles = chipGroup(store, 'roles', 'Roles, on both sides', ROLE_OPTIONS);
  const segment = (affiliation, label) =>
    h(
      'button.segment',
      {
        type: 'button',
        'aria-pressed': 'false',
        dataset: { mode: affiliation ? 'events' : 'ties' },
        onclick: () =>
          store.update((s) => {
            s.filter.affiliation = affiliation;
            if (!affiliation) {
              s.filter.eventKinds = [];
              s.filter.roles = [];
            }
          }),
      },
      label,
    );
  const mode = h('div.segmented', { role: 'group', 'aria-label': 'Link stakeholders by' }, segment(false, 'Ties'), segment(true, 'Shared events'));
  const events = h(
    'div.shared-events',
    h('p.control-note', 'Stakeholders that took part in the same events; the more events, the wider the line.'),
    eventKinds.root,
    roles.root,
  );
  const root = h('div.link-by', h('div.control', h('span.control-label', 'Link stakeholders by'), mode), events, tieTypes.root);
  return {
    root,
    sync(s) {
      const on = s.filter.affiliation;
      for (const b of mode.children) b.setAttribute('aria-pressed', String((b.dataset.mode === 'events') === on));
      events.hidden = !on;
      tieTypes.root.disabled = on;
      tieNote.hidden = !on;
      for (const g of [tieTypes, eventKinds, roles]) g.sync(s);
    },
  };
}

/**
 * The evidence a tie needs to be drawn (the schema's EvidenceFilter): at
 * least N independent sources, and a strongest source at least of a kind.
 * Shared events have no sources to weigh, so it rests while they link.
 */
function evidenceControls(store) {
  const minSources = h('select', {
    id: 'filter-min-sources',
    onchange: (e) => store.update((s) => (s.filter.minSources = Number(e.target.value))),
  });
  const minKind = h(
    'select',
    { id: 'filter-min-kind', onchange: (e) => store.update((s) => (s.filter.minKind = e.target.value)) },
    MIN_KINDS.map((k) => h('option', { value: k.value }, k.label)),
  );
  const note = h('p.control-note', { hidden: true }, 'Shared events have no sources to weigh.');
  const root = h(
    'fieldset.control.evidence',
    { dataset: { filter: 'evidence' } },
    h('legend.control-label', 'Evidence'),
    h('label.sub-control', { for: 'filter-min-sources' }, h('span', 'Independent sources'), minSources),
    h('label.sub-control', { for: 'filter-min-kind' }, h('span', 'Strongest source at least'), minKind),
    note,
  );
  return {
    root,
    sync(s) {
      // A number from a shared link that the list lacks still shows.
      const counts = [...new Set([...MIN_SOURCES, s.filter.minSources])].sort((a, b) => a - b);
      replaceChildren(minSources, counts.map((n) => h('option', { value: String(n) }, `At least ${n}`)));
      minSources.value = String(s.filter.minSources);
      minKind.value = s.filter.minKind;
      root.disabled = s.filter.affiliation;
      note.hidden = !s.filter.affiliation;
    },
  };
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
