// The top bar: the brand, the search box, the tabs that switch between the drawing and the summary, the
// links to the playground, one of them to the GraphQL query behind what is on screen, and the sign-in
// control (sign-in.js).

import * as api from './api.js';
import { h, icon, ICONS } from './dom.js';

export class TopBar {
  constructor(store, { sidebarToggle, search, signIn }) {
    this.store = store;
    this.openQuery = h(
      'a.button',
      { id: 'open-query', target: '_blank', rel: 'noopener', title: 'Open the GraphQL query behind what you see in the playground' },
      icon(ICONS.code),
      h('span', 'Open as query'),
    );
    this.tabs = h(
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
    this.root = h(
      'header.topbar',
      sidebarToggle,
      h(
        'a.brand',
        { href: '/', 'aria-label': 'Stakeholder Graph explorer, home' },
        h('span.brand-mark', { 'aria-hidden': 'true' }),
        h('span.brand-name', 'Stakeholder Graph'),
        h('span.brand-sub', 'Explorer'),
      ),
      search,
      this.tabs,
      h('div.topbar-actions', this.openQuery, h('a.button.ghost', { href: '/playground', id: 'playground-link' }, 'Playground'), signIn),
    );
  }

  /** Marks the tab of the view on screen. */
  showView(state) {
    for (const b of this.tabs.children) b.setAttribute('aria-pressed', String(b.dataset.view === state.view));
  }

  /**
   * Points "Open as query" at the query behind what is on screen: the summary, a path, a stakeholder, or
   * the network. The link never carries the user's token: URLs end up in histories and logs, and the
   * playground has its own headers editor.
   */
  updateQueryLink(state, path) {
    const filter = api.networkFilter(state.filter);
    let query = api.NETWORK_QUERY;
    let variables = { filter };
    if (state.view === 'summary') {
      query = api.SUMMARY_QUERY;
      variables = { filter, brokers: 10 };
    } else if (path) {
      query = api.PATH_QUERY;
      variables = { from: path.from.id, to: path.to.id, filter };
    } else if (state.selected) {
      query = api.STAKEHOLDER_QUERY;
      variables = api.stakeholderVariables(state.selected, state.filter);
    }
    this.openQuery.href = api.playgroundURL(query, variables);
  }
}
