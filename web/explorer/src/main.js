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

import * as credentials from './credentials.js';
import { h, byId, replaceChildren } from './dom.js';
import { DetailsPanel } from './details.js';
import { createSearch } from './search.js';
import { PathFinder } from './pathfinder.js';
import { SummaryView } from './summary.js';
import { displayControls, filterControls } from './controls.js';
import { createStore, parseState } from './state.js';
import { Stage } from './stage.js';
import { ExportPanel } from './export-panel.js';
import { Sidebar } from './sidebar.js';
import { SignIn } from './sign-in.js';
import { TopBar } from './topbar.js';
import { watchGraph } from './live.js';

// main builds the page from its panels (each in a module of its own), wires what one panel does to the
// others through the page's state (state.js), and starts.
function main() {
  const app = byId('app');
  const store = createStore(parseState(window.location.search));
  let pathResult = null;

  // ---- The panels ---------------------------------------------------------
  const stage = new Stage(store, {
    workerURL: app.dataset.layoutWorker || null,
    onClickNode: (slug) => openStakeholder(slug),
    onClickStage: () => store.update((s) => (s.selected = null)),
    onLoadStart: () => paths.clear(), // a path found in the old view may not exist in the new one
    onLoad: () => filters.update(),
  });
  const view = stage.view;
  const summaryEl = h('div.summary', { id: 'summary', 'aria-label': 'Summary of the view', hidden: true });
  const summary = new SummaryView(summaryEl, { open: (slug) => openStakeholder(slug, { focus: true, view: 'network' }) });
  const panelEl = h('aside.panel', { id: 'details', 'aria-label': 'Stakeholder details', hidden: true });
  const details = new DetailsPanel(panelEl, {
    close: () => store.update((s) => (s.selected = null)),
    open: (slug) => openStakeholder(slug, { focus: true }),
    pathFrom: (s) => {
      paths.setEnd('from', { id: s.id, name: s.name });
      sidebar.reveal('path-section');
    },
    pathTo: (s) => {
      paths.setEnd('to', { id: s.id, name: s.name });
      sidebar.reveal('path-section');
    },
    clearFilters: () => store.update((s) => (s.filter = parseState('').filter)),
  });
  const paths = new PathFinder({
    view,
    getFilter: () => store.get().filter,
    open: (slug) => openStakeholder(slug, { focus: true }),
    onChange: (result) => {
      pathResult = result;
      topbar.updateQueryLink(store.get(), pathResult);
    },
  });
  const filters = filterControls(store, () => ({ countries: [...stage.facets.countries], minDay: stage.facets.minDay }));
  const exports = new ExportPanel(store, stage);
  const sidebar = new Sidebar(app, [
    { id: 'display-section', title: 'Display', content: displayControls(store) },
    { id: 'filter-section', title: 'Filters', content: filters.root, extra: filters.clear },
    { id: 'path-section', title: 'Path finder', content: paths.root },
    { id: 'export-section', title: 'Export this view', content: exports.root },
  ]);
  const searchBox = createSearch((slug) => openStakeholder(slug, { focus: true }));
  const signIn = new SignIn();
  const topbar = new TopBar(store, { sidebarToggle: sidebar.toggle, search: searchBox.root, signIn: signIn.root });

  replaceChildren(
    app,
    topbar.root,
    h('div.layout', sidebar.root, h('main.stage', { id: 'stage' }, ...stage.parts, summaryEl), panelEl),
  );
  // The canvas needs its size: create the renderer's layers only now that it is in the page.
  view.resize();

  // ---- Selection and views ------------------------------------------------
  /** Opens a stakeholder's panel (and, with focus, moves the camera onto it). */
  function openStakeholder(slug, { focus = false, view: targetView } = {}) {
    store.update((s) => {
      s.selected = slug;
      if (targetView) s.view = targetView;
    });
    const id = stage.idBySlug.get(slug);
    if (focus && id) view.focus(id);
  }

  function showSelection(state) {
    const id = state.selected ? stage.idBySlug.get(state.selected) : null;
    view.select(id || null);
    if (state.selected) {
      details.show(state.selected, { filter: state.filter, inView: Boolean(id) });
      app.classList.add('with-panel');
    } else {
      details.hide();
      app.classList.remove('with-panel');
    }
    requestAnimationFrame(() => view.resize());
  }

  function showView(state) {
    const summaryOn = state.view === 'summary';
    topbar.showView(state);
    summaryEl.hidden = !summaryOn;
    app.classList.toggle('summary-on', summaryOn);
    if (summaryOn) summary.load(state.filter);
  }

  /** Loads the network the filters select; the panel follows it (partners as of the date, whether drawn). */
  function load() {
    return stage.load().then((drawn) => drawn && store.get().selected && showSelection(store.get()));
  }

  // ---- Reacting to changes ------------------------------------------------
  store.subscribe((state, changed) => {
    if (changed.has('filter')) {
      exports.update(state);
      load();
      if (state.view === 'summary') summary.load(state.filter);
    } else if (changed.has('sizeBy')) {
      stage.loadSizes();
    }
    if (changed.has('colorBy')) view.setColorBy(state.colorBy);
    if (changed.has('selected')) showSelection(state);
    if (changed.has('view')) showView(state);
    if (changed.has('filter') || changed.has('sizeBy') || changed.has('colorBy')) stage.describe(state);
    topbar.updateQueryLink(state, pathResult);
  });
  // A drawing that failed, or is still loading, may have been refused for the token (or the lack of one):
  // load it again once the user signs in or out or the token is dropped. Not when the service merely asks
  // for a token, which a new load without one would only ask again.
  credentials.subscribe((reason) => {
    if (reason !== 'required' && stage.graphEl.dataset.state !== 'ready') load();
  });
  listenForKeys(app, store, { sidebar, searchBox, view });
  // A change to the graph, made here or anywhere else, redraws the view and the open panel.
  watchGraph((changes) => {
    const state = store.get();
    stage.graphEl.dataset.liveSeq = String(changes[changes.length - 1].seq);
    load();
    if (state.view === 'summary') summary.load(state.filter);
  });

  // ---- Start ----------------------------------------------------------------
  const initial = store.get();
  exports.update(initial);
  topbar.updateQueryLink(initial, pathResult);
  showView(initial);
  stage.load().then((drawn) => {
    const s = store.get();
    if (drawn && s.selected) {
      showSelection(s);
      const id = stage.idBySlug.get(s.selected);
      if (id) view.focus(id);
    }
  });
}

/** The page's keys and gestures: "/" jumps to the search box, Escape closes the details panel, touching
 * the drawing on a phone folds the filters away; and the drawing follows the window's size and fonts. */
function listenForKeys(app, store, { sidebar, searchBox, view }) {
  window.addEventListener('resize', () => view.resize());
  byId('stage').addEventListener('pointerdown', () => {
    if (app.classList.contains('sidebar-open')) sidebar.open(false);
  });
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
}

main();
