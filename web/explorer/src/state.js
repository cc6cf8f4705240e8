// The explorer's state: the view filter and the display choices. It lives
// in the page URL's query string, so a view can be bookmarked, shared and
// restored with the back button, and it uses the same parameter names as
// the /export/{format} downloads (kinds=NGO,AGENCY&asOf=2024-07-30&minSources=2).
//
// The filter is flat, as those parameters are; api.js turns it into the
// schema's NetworkFilter (networkFilter), where the evidence and the
// shared-events view are objects of their own.

import { KINDS, SECTORS, FOCUS_AREAS, TIE_TYPES, METRICS, EVENT_KINDS, ROLE_OPTIONS, SOURCE_KINDS } from './vocabulary.js';

const LIST_KEYS = {
  kinds: KINDS,
  sectors: SECTORS,
  focusAreas: FOCUS_AREAS,
  tieTypes: TIE_TYPES,
  eventKinds: EVENT_KINDS,
  roles: ROLE_OPTIONS,
};

/** The filter that selects the whole network. */
export function emptyFilter() {
  return {
    kinds: [],
    sectors: [],
    focusAreas: [],
    tieTypes: [], // kept, but not sent, while stakeholders are linked by shared events
    country: '',
    asOf: '',
    minSources: 1, // independent sources a tie needs at least; 1 asks nothing
    minKind: '', // the lightest source kind that still counts; '' is the API's default
    affiliation: false, // link stakeholders by the events they shared instead of by ties
    eventKinds: [], // with affiliation: only these events
    roles: [], // with affiliation: only these roles, on both sides
  };
}

/** A fresh, empty state: the whole network, coloured by sector, sized by degree. */
export function emptyState() {
  return {
    filter: emptyFilter(),
    colorBy: 'sector',
    sizeBy: 'DEGREE',
    selected: null, // slug of the stakeholder in the side panel
    view: 'network', // or 'summary'
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the state from a query string, ignoring values the schema does not know. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  for (const [key, known] of Object.entries(LIST_KEYS)) {
    const allowed = new Set(known.map((k) => k.value));
    state.filter[key] = (params.get(key) || '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter((s) => allowed.has(s));
  }
  const country = (params.get('country') || '').trim();
  if (/^[A-Za-z]{2}$/.test(country)) state.filter.country = country.toUpperCase();
  const asOf = params.get('asOf') || '';
  if (ISO_DATE.test(asOf)) state.filter.asOf = asOf;
  const minSources = Number(params.get('minSources'));
  if (Number.isInteger(minSources) && minSources >= 1 && minSources <= 1000) state.filter.minSources = minSources;
  const minKind = (params.get('minKind') || '').trim().toUpperCase();
  if (minKind in SOURCE_KINDS) state.filter.minKind = minKind;
  // As for the downloads, event kinds or roles alone ask for the shared-events view too.
  state.filter.affiliation =
    /^(1|t|true)$/i.test(params.get('affiliation') || '') || state.filter.eventKinds.length > 0 || state.filter.roles.length > 0;
  if (params.get('color') === 'kind') state.colorBy = 'kind';
  const size = (params.get('size') || '').toUpperCase();
  if (METRICS.some((m) => m.value === size)) state.sizeBy = size;
  const focus = params.get('focus');
  if (focus && /^[a-z0-9-]+$/.test(focus)) state.selected = focus;
  if (params.get('view') === 'summary') state.view = 'summary';
  return state;
}

/** Writes the state as a query string (without the "?"), leaving defaults out. */
export function formatState(state) {
  const params = new URLSearchParams();
  for (const key of ['kinds', 'sectors', 'focusAreas', 'tieTypes']) {
    if (state.filter[key].length) params.set(key, state.filter[key].join(','));
  }
  if (state.filter.country) params.set('country', state.filter.country);
  if (state.filter.asOf) params.set('asOf', state.filter.asOf);
  if (state.filter.minSources > 1) params.set('minSources', String(state.filter.minSources));
  if (state.filter.minKind) params.set('minKind', state.filter.minKind);
  if (state.filter.affiliation) {
    params.set('affiliation', 'true');
    for (const key of ['eventKinds', 'roles']) {
      if (state.filter[key].length) params.set(key, state.filter[key].join(','));
    }
  }
  if (state.colorBy !== 'sector') params.set('color', state.colorBy);
  if (state.sizeBy !== 'DEGREE') params.set('size', state.sizeBy);
  if (state.selected) params.set('focus', state.selected);
  if (state.view !== 'network') params.set('view', state.view);
  return params.toString();
}

/** True when the filter selects the whole network. */
export function isWholeNetwork(filter) {
  const empty = emptyFilter();
  return Object.keys(empty).every((key) => JSON.stringify(filter[key]) === JSON.stringify(empty[key]));
}

/**
 * A tiny store: `get()` returns the state, `update(fn)` lets fn change a copy
 * and tells the subscribers which top-level keys changed ("filter" when any
 * filter field did). The URL follows every change.
 */
export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    update(fn) {
      const next = structuredClone(state);
      fn(next);
      const changed = new Set();
      for (const key of Object.keys(next)) {
        if (JSON.stringify(next[key]) !== JSON.stringify(state[key])) changed.add(key);
      }
      if (changed.size === 0) return;
      state = next;
      const qs = formatState(state);
      const url = `${window.location.pathname}${qs ? '?' + qs : ''}`;
      if (url !== `${window.location.pathname}${window.location.search}`) {
        window.history.replaceState(null, '', url);
      }
      for (const listener of listeners) listener(state, changed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
