// The stage: the drawing of the network with its status line, legend, zoom buttons and notices, and the
// loading of the network the filters select (with the centrality that sizes its nodes).

import * as api from './api.js';
import { h, icon, ICONS, replaceChildren } from './dom.js';
import { formatCount, formatDate, dayNumber } from './format.js';
import { NetworkView } from './graph-view.js';
import { renderLegend } from './legend.js';
import { isWholeNetwork, parseState } from './state.js';
import { metric, kind, sector, focusArea, tieType, eventKind, ROLES, SOURCE_KINDS } from './vocabulary.js';

export class Stage {
  /**
   * @param {object} store the page's state
   * @param {object} hooks onClickNode(slug), onClickStage(), onLoad(net): what the page does on a click and
   *   after a network is drawn
   */
  constructor(store, { workerURL, onClickNode, onClickStage, onLoadStart, onLoad }) {
    this.store = store;
    this.onLoadStart = onLoadStart;
    this.onLoad = onLoad;
    this.network = null; // the last network drawn
    this.idBySlug = new Map();
    this.facets = { countries: new Set(), minDay: null };
    this.controller = null;

    this.graphEl = h('div.graph', {
      id: 'graph',
      role: 'img',
      'aria-label': 'Network drawing',
      'aria-describedby': 'view-status',
      dataset: { state: 'loading', nodeCount: '0', edgeCount: '0' },
    });
    this.status = h('p.stage-status', { id: 'view-status', role: 'status', 'aria-live': 'polite' }, 'Loading the network…');
    this.notice = h('div.notice', { hidden: true });
    // On a phone the legend would hide the drawing: it starts folded there.
    this.legend = h('div.legend', {
      'aria-label': 'Legend',
      dataset: { collapsed: String(window.matchMedia('(max-width: 760px)').matches) },
    });
    this.view = new NetworkView(this.graphEl, {
      workerURL,
      onClickNode: (id) => onClickNode(this.view.graph.getNodeAttribute(id, 'slug')),
      onClickStage,
    });
    const zoom = h(
      'div.zoom',
      { role: 'group', 'aria-label': 'Zoom' },
      h('button.icon-button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => this.view.zoomIn() }, icon(ICONS.plus)),
      h('button.icon-button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => this.view.zoomOut() }, icon(ICONS.minus)),
      h('button.icon-button', { type: 'button', 'aria-label': 'Fit the network', onclick: () => this.view.fit() }, icon(ICONS.fit)),
    );
    const spinner = h('div.spinner', { 'aria-hidden': 'true' });
    /** The stage's elements, in the order the page holds them. */
    this.parts = [this.graphEl, this.status, this.legend, zoom, spinner, this.notice];
  }

  /** Loads and draws the view; resolves true once drawn, false if a newer load took over or it failed. */
  async load() {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const state = this.store.get();
    const app = document.getElementById('app');
    this.graphEl.dataset.state = 'loading';
    app.classList.add('is-loading');
    this.notice.hidden = true;
    this.status.textContent = 'Loading the network…';
    this.onLoadStart();
    try {
      const [net, scores] = await Promise.all([
        api.fetchNetwork(state.filter, { signal: controller.signal }),
        api.fetchCentrality(state.sizeBy, state.filter, { signal: controller.signal }),
      ]);
      if (controller.signal.aborted) return false;
      this.network = net;
      this.learnFacets(net);
      this.idBySlug = new Map(net.stakeholders.map((s) => [s.slug, s.id]));
      this.view.setNetwork(net);
      this.view.setScores(scores);
      this.view.select(this.idBySlug.get(this.store.get().selected) || null);
      this.status.textContent = describeView(net, this.store.get());
      renderLegend(this.legend, this.view, this.store.get());
      this.onLoad(net);
      if (net.stakeholders.length === 0) {
        this.showNotice('No stakeholder matches these filters.', 'Clear the filters', () =>
          this.store.update((s) => (s.filter = parseState('').filter)),
        );
      }
      this.graphEl.dataset.state = 'ready';
      return true;
    } catch (err) {
      // A failure that a newer load has already superseded (after a refused token, say) is not shown.
      if (err.name === 'AbortError' || controller.signal.aborted) return false;
      this.graphEl.dataset.state = 'error';
      this.status.textContent = 'The network could not be loaded.';
      this.showNotice(err.message, 'Try again', () => this.load());
      return false;
    } finally {
      if (this.controller === controller) app.classList.remove('is-loading');
    }
  }

  /** Loads the centrality that sizes the nodes, after the measure changed. */
  async loadSizes() {
    const state = this.store.get();
    try {
      this.view.setScores(await api.fetchCentrality(state.sizeBy, state.filter));
      renderLegend(this.legend, this.view, this.store.get());
    } catch (err) {
      this.showNotice(`The ${metric(state.sizeBy).label} scores could not be loaded: ${err.message}`);
    }
  }

  /** Redraws the legend and the status line for the state. */
  describe(state) {
    renderLegend(this.legend, this.view, state);
    if (this.network) this.status.textContent = describeView(this.network, state);
  }

  /** Remembers the countries and the earliest tie date the data has shown, for the filters. */
  learnFacets(net) {
    for (const s of net.stakeholders) if (s.country) this.facets.countries.add(s.country);
    for (const t of net.ties) {
      for (const d of [t.since, t.evidencedFrom]) {
        if (d) {
          const day = dayNumber(d);
          if (this.facets.minDay === null || day < this.facets.minDay) this.facets.minDay = day;
        }
      }
    }
  }

  showNotice(text, action, onAction) {
    replaceChildren(
      this.notice,
      h('p', text),
      action ? h('button.button', { type: 'button', onclick: () => onAction() }, action) : null,
    );
    this.notice.hidden = false;
  }
}

/** "31 stakeholders · 25 ties · Civil society · 2+ independent sources · as of 30 Jul 2024" */
export function describeView(net, state) {
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
  if (f.affiliation) {
    parts.push('linked by shared events');
    if (f.eventKinds.length) parts.push(f.eventKinds.map((k) => eventKind(k).label).join(', '));
    if (f.roles.length) parts.push(`as ${f.roles.map((r) => ROLES[r] || r).join(', ')}`);
  } else {
    if (f.tieTypes.length) parts.push(f.tieTypes.map((k) => tieType(k).label).join(', '));
    if (f.minSources > 1) parts.push(`${f.minSources}+ independent sources`);
    if (f.minKind === 'MACHINE') parts.push('machine-only ties too');
    else if (f.minKind) parts.push(`strongest source: ${SOURCE_KINDS[f.minKind]} or above`);
  }
  if (f.country) parts.push(f.country);
  if (f.asOf) parts.push(`as of ${formatDate(f.asOf)}`);
  return parts.join(' · ');
}
