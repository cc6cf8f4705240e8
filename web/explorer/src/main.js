// The network explorer of the stakeholder-graph service, served at "/".
//
// It draws the network the public GraphQL API returns (see api.js for every
// query it runs) with sigma.js and graphology, and lets researchers filter
// it, open any stakeholder with the sources behind its ties, search, find
// paths, read a summary and export what they see. Everything it loads comes
// from the service itself; it works without internet access.
//
// Bundled by ../../build.mjs into web/dist/explorer and served by the Go
// package `web` (Explorer). The page's HTML only holds <div id="app">,
// whose data-layout-worker attribute names the ForceAtlas2 worker script.

import '@fontsource-variable/inter';
import './styles.css';

import * as api from './api.js';
import { h, byId, icon, ICONS, replaceChildren } from './dom.js';
import { formatCount, formatDate, dayNumber } from './format.js';
import { NetworkView } from './graph-view.js';
import { DetailsPanel } from './details.js';
import { createSearch } from './search.js';
import { PathFinder } from './pathfinder.js';
import { SummaryView } from './summary.js';
import { displayControls, filterControls } from './controls.js';
import { renderLegend, drawLegend } from './legend.js';
import { createStore, parseState, isWholeNetwork } from './state.js';
import { EXPORT_FORMATS, metric, kind, sector, focusArea, tieType } from './vocabulary.js';

const FONT = '"Inter Variable", Inter, system-ui, sans-serif';

function main() {
  const app = byId('app');
  const store = createStore(parseState(window.location.search));
  const facets = { countries: new Set(), minDay: null };
  let network = null; // the last network drawn
  let idBySlug = new Map();
  let pathResult = null;
  let loadController = null;

  // ---- The page's frame -------------------------------------------------
  const graphEl = h('div.graph', {
    id: 'graph',
    role: 'img',
    'aria-label': 'Network drawing',
    'aria-describedby': 'view-status',
    dataset: { state: 'loading', nodeCount: '0', edgeCount: '0' },
  });
  const status = h('p.stage-status', { id: 'view-status', role: 'status', 'aria-live': 'polite' }, 'Loading the network…');
  const notice = h('div.notice', { hidden: true });
  // On a phone the legend would hide the drawing: it starts folded there.
  const legend = h('div.legend', {
    'aria-label': 'Legend',
    dataset: { collapsed: String(window.matchMedia('(max-width: 760px)').matches) },
  });
  const spinner = h('div.spinner', { 'aria-hidden': 'true' });
  const summaryEl = h('div.summary', { id: 'summary', 'aria-label': 'Summary of the view', hidden: true });
  const panelEl = h('aside.panel', { id: 'details', 'aria-label': 'Stakeholder details', hidden: true });

  const openQuery = h(
    'a.button',
    { id: 'open-query', target: '_blank', rel: 'noopener', title: 'Open the GraphQL query behind what you see in the playground' },
    icon(ICONS.code),
    h('span', 'Open as query'),
  );

  const viewTabs = h(
    'nav.views',
    { 'aria-label': 'Views' },
    ['network', 'summary'].map((v) =>
      h(
        'button.view-tab',
        { type: 'button', dataset: { view: v }, 'aria-pressed': 'false', onclick: () => store.update((s) => (s.view = v)) },
        icon(v === 'network' ? ICONS.graph : ICONS.chart),
        h('span', v === 'network' ? 'Network' : 'Summary'),
      ),
    ),
  );

  const view = new NetworkView(graphEl, {
    workerURL: app.dataset.layoutWorker || null,
    onClickNode: (id) => openStakeholder(view.graph.getNodeAttribute(id, 'slug')),
    onClickStage: () => store.update((s) => (s.selected = null)),
  });

  const details = new DetailsPanel(panelEl, {
    close: () => store.update((s) => (s.selected = null)),
    open: (slug) => openStakeholder(slug, { focus: true }),
    pathFrom: (s) => {
      paths.setEnd('from', { id: s.id, name: s.name });
      revealSidebarSection('path-section');
    },
    pathTo: (s) => {
      paths.setEnd('to', { id: s.id, name: s.name });
      revealSidebarSection('path-section');
    },
    clearFilters: () => store.update((s) => (s.filter = parseState('').filter)),
  });

  const searchBox = createSearch((slug) => openStakeholder(slug, { focus: true }));

  const paths = new PathFinder({
    view,
    getFilter: () => store.get().filter,
    open: (slug) => openStakeholder(slug, { focus: true }),
    onChange: (result) => {
      pathResult = result;
      updateQueryLink();
    },
  });

  const summary = new SummaryView(summaryEl, { open: (slug) => openStakeholder(slug, { focus: true, view: 'network' }) });

  const filters = filterControls(store, () => ({ countries: [...facets.countries], minDay: facets.minDay }));

  // Export: a PNG of the drawing and the service's data formats for the view.
  const exportLinks = EXPORT_FORMATS.map((f) =>
    h('a.export-link', { dataset: { format: f.value }, download: '', title: f.hint }, icon(ICONS.download), f.label),
  );
  const pngButton = h('button.button.primary.wide', { type: 'button', id: 'export-png', onclick: () => exportPNG() }, icon(ICONS.download), 'PNG image of the drawing');

  const sidebarToggle = h(
    'button.icon-button.sidebar-toggle',
    { type: 'button', 'aria-label': 'Show filters and tools', 'aria-controls': 'sidebar', 'aria-expanded': 'false', onclick: () => toggleSidebar() },
    icon(ICONS.filter),
  );

  const sidebar = h(
    'aside.sidebar',
    { id: 'sidebar', 'aria-label': 'Filters and tools' },
    sideSection('display-section', 'Display', displayControls(store)),
    sideSection('filter-section', 'Filters', filters.root, filters.clear),
    sideSection('path-section', 'Path finder', paths.root),
    sideSection(
      'export-section',
      'Export this view',
      h('div.export', pngButton, h('div.export-links', { 'aria-label': 'Data downloads' }, exportLinks)),
    ),
  );

  const zoom = h(
    'div.zoom',
    { role: 'group', 'aria-label': 'Zoom' },
    h('button.icon-button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => view.zoomIn() }, icon(ICONS.plus)),
    h('button.icon-button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => view.zoomOut() }, icon(ICONS.minus)),
    h('button.icon-button', { type: 'button', 'aria-label': 'Fit the network', onclick: () => view.fit() }, icon(ICONS.fit)),
  );

  replaceChildren(
    app,
    h(
      'header.topbar',
      sidebarToggle,
      h(
        'a.brand',
        { href: '/', 'aria-label': 'Stakeholder Graph explorer, home' },
        h('span.brand-mark', { 'aria-hidden': 'true' }),
        h('span.brand-name', 'Stakeholder Graph'),
        h('span.brand-sub', 'Explorer'),
      ),
      searchBox.root,
      viewTabs,
      h('div.topbar-actions', openQuery, h('a.button.ghost', { href: '/playground', id: 'playground-link' }, 'Playground')),
    ),
    h(
      'div.layout',
      sidebar,
      h('main.stage', { id: 'stage' }, graphEl, status, legend, zoom, spinner, notice, summaryEl),
      panelEl,
    ),
  );
  // The canvas needs its size: create the renderer's layers only now that it is in the page.
  view.resize();

  // ---- Loading ----------------------------------------------------------
  /** Loads and draws the view; resolves true once drawn, false if a newer load took over or it failed. */
  async function loadNetwork() {
    loadController?.abort();
    const controller = (loadController = new AbortController());
    const state = store.get();
    graphEl.dataset.state = 'loading';
    app.classList.add('is-loading');
    notice.hidden = true;
    status.textContent = 'Loading the network…';
    paths.clear();
    try {
      const [net, scores] = await Promise.all([
        api.fetchNetwork(state.filter, { signal: controller.signal }),
        api.fetchCentrality(state.sizeBy, state.filter, { signal: controller.signal }),
      ]);
      if (controller.signal.aborted) return false;
      network = net;
      learnFacets(net);
      idBySlug = new Map(net.stakeholders.map((s) => [s.slug, s.id]));
      view.setNetwork(net);
      view.setScores(scores);
      view.select(idBySlug.get(store.get().selected) || null);
      status.textContent = describeView(net, store.get());
      renderLegend(legend, view, store.get());
      filters.update();
      if (net.stakeholders.length === 0) {
        showNotice('No stakeholder matches these filters.', 'Clear the filters', () =>
          store.update((s) => (s.filter = parseState('').filter)),
        );
      }
      graphEl.dataset.state = 'ready';
      return true;
    } catch (err) {
      if (err.name === 'AbortError') return false;
      graphEl.dataset.state = 'error';
      status.textContent = 'The network could not be loaded.';
      showNotice(err.message, 'Try again', () => loadNetwork());
      return false;
    } finally {
      if (loadController === controller) app.classList.remove('is-loading');
    }
  }

  async function loadSizes() {
    const state = store.get();
    try {
      view.setScores(await api.fetchCentrality(state.sizeBy, state.filter));
      renderLegend(legend, view, store.get());
    } catch (err) {
      showNotice(`The ${metric(state.sizeBy).label} scores could not be loaded: ${err.message}`);
    }
  }

  /** Remembers the countries and the earliest tie date the data has shown, for the filters. */
  function learnFacets(net) {
    for (const s of net.stakeholders) if (s.country) facets.countries.add(s.country);
    for (const t of net.ties) {
      for (const d of [t.since, t.evidencedFrom]) {
        if (d) {
          const day = dayNumber(d);
          if (facets.minDay === null || day < facets.minDay) facets.minDay = day;
        }
      }
    }
  }

  function showNotice(text, action, onAction) {
    replaceChildren(
      notice,
      h('p', text),
      action ? h('button.button', { type: 'button', onclick: () => onAction() }, action) : null,
    );
    notice.hidden = false;
  }

  // ---- Selection --------------------------------------------------------
  /** Opens a stakeholder's panel (and, with focus, moves the camera onto it). */
  function openStakeholder(slug, { focus = false, view: targetView } = {}) {
    store.update((s) => {
      s.selected = slug;
      if (targetView) s.view = targetView;
    });
    const id = idBySlug.get(slug);
    if (focus && id) view.focus(id);
  }

  function showSelection(state) {
    const id = state.selected ? idBySlug.get(state.selected) : null;
    view.select(id || null);
    if (state.selected) {
      details.show(state.selected, { asOf: state.filter.asOf, inView: Boolean(id) });
      app.classList.add('with-panel');
    } else {
      details.hide();
      app.classList.remove('with-panel');
    }
    requestAnimationFrame(() => view.resize());
  }

  // ---- PNG export -------------------------------------------------------
  function exportPNG() {
    const state = store.get();
    const canvas = view.snapshot((ctx, width, height, ratio) => {
      ctx.fillStyle = '#1f2933';
      ctx.font = `600 ${16 * ratio}px ${FONT}`;
      ctx.textBaseline = 'top';
      ctx.fillText('Stakeholder network', 16 * ratio, 14 * ratio);
      ctx.fillStyle = '#52606d';
      ctx.font = `400 ${12 * ratio}px ${FONT}`;
      ctx.fillText(describeView(network, state), 16 * ratio, 36 * ratio);
      drawLegend(ctx, view, state, 16 * ratio, height - 16 * ratio, ratio, FONT);
    });
    canvas.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `stakeholder-network${state.filter.asOf ? '-' + state.filter.asOf : ''}.png` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }, 'image/png');
  }

  // ---- Links that depend on the state ----------------------------------
  function updateExportLinks(state) {
    for (const a of exportLinks) a.href = api.exportURL(a.dataset.format, state.filter);
  }

  /** Points "Open as query" at the query behind what is on screen. */
  function updateQueryLink() {
    const state = store.get();
    const filter = api.cleanFilter(state.filter);
    let query = api.NETWORK_QUERY;
    let variables = { filter };
    if (state.view === 'summary') {
      query = api.SUMMARY_QUERY;
      variables = { filter, brokers: 10 };
    } else if (pathResult) {
      query = api.PATH_QUERY;
      variables = { from: pathResult.from.id, to: pathResult.to.id, filter };
    } else if (state.selected) {
      query = api.STAKEHOLDER_QUERY;
      variables = { slug: state.selected, asOf: state.filter.asOf || null };
    }
    openQuery.href = api.playgroundURL(query, variables);
  }

  function showView(state) {
    const summaryOn = state.view === 'summary';
    for (const b of viewTabs.children) b.setAttribute('aria-pressed', String(b.dataset.view === state.view));
    summaryEl.hidden = !summaryOn;
    app.classList.toggle('summary-on', summaryOn);
    if (summaryOn) summary.load(state.filter);
  }

  // ---- Sidebar on small screens ------------------------------------------
  function toggleSidebar(open = !app.classList.contains('sidebar-open')) {
    app.classList.toggle('sidebar-open', open);
    sidebarToggle.setAttribute('aria-expanded', String(open));
  }

  function revealSidebarSection(id) {
    const section = byId(id);
    section.open = true;
    toggleSidebar(true);
    section.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  // ---- Reacting to changes ----------------------------------------------
  store.subscribe((state, changed) => {
    if (changed.has('filter')) {
      updateExportLinks(state);
      // The panel follows the new view (partners as of the date, whether the stakeholder is drawn).
      loadNetwork().then((drawn) => drawn && store.get().selected && showSelection(store.get()));
      if (state.view === 'summary') summary.load(state.filter);
    } else if (changed.has('sizeBy')) {
      loadSizes();
    }
    if (changed.has('colorBy')) {
      view.setColorBy(state.colorBy);
      renderLegend(legend, view, state);
    }
    if (changed.has('sizeBy')) renderLegend(legend, view, state);
    if (changed.has('selected')) showSelection(state);
    if (changed.has('view')) showView(state);
    if (network && (changed.has('filter') || changed.has('sizeBy') || changed.has('colorBy'))) {
      status.textContent = describeView(network, state);
    }
    updateQueryLink();
  });

  window.addEventListener('resize', () => view.resize());
  // On a phone, touching the drawing folds the filters drawer away.
  byId('stage').addEventListener('pointerdown', () => {
    if (app.classList.contains('sidebar-open')) toggleSidebar(false);
  });
  // Keys: "/" jumps to the search box, Escape closes the details panel.
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName || '');
    if (e.key === '/' && !typing) {
      e.preventDefault();
      searchBox.input.focus();
    } else if (e.key === 'Escape' && !typing && store.get().selected) {
      store.update((s) => (s.selected = null));
    }
  });
  // Labels are drawn on a canvas: redraw them once Inter has loaded.
  document.fonts?.ready.then(() => view.refresh());

  // ---- Start ------------------------------------------------------------
  const initial = store.get();
  updateExportLinks(initial);
  updateQueryLink();
  showView(initial);
  loadNetwork().then((drawn) => {
    const s = store.get();
    if (drawn && s.selected) {
      showSelection(s);
      const id = idBySlug.get(s.selected);
      if (id) view.focus(id);
    }
  });
}

/** A collapsible sidebar section. */
function sideSection(id, title, content, extra) {
  return h(
    'details.side-section',
    { id, open: true },
    h('summary', h('h2', title), extra || null),
    h('div.side-body', content),
  );
}

/** "31 stakeholders · 25 ties · Sectors: Civil society · on 30 Jul 2024" */
function describeView(net, state) {
  if (!net) return '';
  const f = state.filter;
  const parts = [
    `${formatCount(net.stakeholderCount)} stakeholder${net.stakeholderCount === 1 ? '' : 's'}`,
    `${formatCount(net.tieCount)} tie${net.tieCount === 1 ? '' : 's'}`,
  ];
  if (isWholeNetwork(f)) return parts.join(' · ') + ' · whole network';
  if (f.kinds.length) parts.push(f.kinds.map((k) => kind(k).label).join(', '));
  if (f.sectors.length) parts.push(f.sectors.map((k) => sector(k).label).join(', '));
  if (f.focusAreas.length) parts.push(f.focusAreas.map((k) => focusArea(k).label).join(', '));
  if (f.tieTypes.length) parts.push(f.tieTypes.map((k) => tieType(k).label).join(', '));
  if (f.country) parts.push(f.country);
  if (f.asOf) parts.push(`as of ${formatDate(f.asOf)}`);
  return parts.join(' · ');
}

main();
