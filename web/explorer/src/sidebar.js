// The sidebar: display options, filters, the path finder and exports, in sections that fold; on a small
// screen, a drawer the top bar's button opens.

import { h, byId, icon, ICONS } from './dom.js';

export class Sidebar {
  constructor(app, sections) {
    this.app = app;
    this.toggle = h(
      'button.icon-button.sidebar-toggle',
      { type: 'button', 'aria-label': 'Show filters and tools', 'aria-controls': 'sidebar', 'aria-expanded': 'false', onclick: () => this.open() },
      icon(ICONS.filter),
    );
    this.root = h(
      'aside.sidebar',
      { id: 'sidebar', 'aria-label': 'Filters and tools' },
      sections.map(({ id, title, content, extra }) => sideSection(id, title, content, extra)),
    );
  }

  /** Opens the drawer, or closes it with open false; without an argument it toggles. */
  open(open = !this.app.classList.contains('sidebar-open')) {
    this.app.classList.toggle('sidebar-open', open);
    this.toggle.setAttribute('aria-expanded', String(open));
  }

  /** Unfolds a section and brings it into sight. */
  reveal(id) {
    const section = byId(id);
    section.open = true;
    this.open(true);
    section.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }
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
