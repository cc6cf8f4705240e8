// The path finder: pick two drawn stakeholders, ask the API for the shortest
// path between them within the current view (PATH_QUERY), highlight it in
// the drawing and list its hops with the ties (and sources, or in a
// shared-events view the events) that make them.

import { fetchPath } from './api.js';
import { h, replaceChildren, icon, ICONS } from './dom.js';
import { eventList, evidenceSummary, sourceList } from './format.js';
import { kind, tieType } from './vocabulary.js';
import { Combobox } from './search.js';

export class PathFinder {
  /**
   * @param {object} deps {view (NetworkView), getFilter(), onChange(result|null), open(slug)}
   */
  constructor({ view, getFilter, onChange, open }) {
    this.view = view;
    this.getFilter = getFilter;
    this.onChange = onChange;
    this.open = open;
    this.ends = { from: null, to: null }; // {id, name}
    this.result = null;

    const field = (end, label) =>
      new Combobox({
        label,
        placeholder: end === 'from' ? 'From…' : 'To…',
        load: async (text) => this.suggest(text),
        choose: (o) => this.setEnd(end, { id: o.key, name: o.label }),
      });
    this.from = field('from', 'Path start');
    this.to = field('to', 'Path end');
    this.findButton = h('button.button.primary', { type: 'button', onclick: () => this.find() }, 'Find path');
    this.clearButton = h('button.button', { type: 'button', onclick: () => this.clear(), hidden: true }, 'Clear');
    this.output = h('div.path-result', { 'aria-label': 'Path result', 'aria-live': 'polite' });
    this.root = h(
      'div.pathfinder',
      h(
        'div.path-fields',
        this.from.root,
        h(
          'button.icon-button.swap',
          { type: 'button', 'aria-label': 'Swap start and end', title: 'Swap', onclick: () => this.swap() },
          icon(ICONS.swap),
        ),
        this.to.root,
      ),
      h('div.row', this.findButton, this.clearButton),
      this.output,
    );
  }

  /** Drawn stakeholders whose name or acronym contains the text, best first. */
  suggest(text) {
    const q = text.toLowerCase();
    const hits = [];
    this.view.graph.forEachNode((id, a) => {
      const name = a.name.toLowerCase();
      const label = a.label.toLowerCase();
      const i = Math.min(...[name.indexOf(q), label.indexOf(q)].filter((x) => x >= 0).concat(Infinity));
      if (i !== Infinity) hits.push({ id, a, rank: i === 0 ? 0 : 1 });
    });
    hits.sort((x, y) => x.rank - y.rank || x.a.name.localeCompare(y.a.name));
    return hits.slice(0, 8).map(({ id, a }) => ({
      key: id,
      label: a.name,
      detail: a.label !== a.name ? a.label : kind(a.kind).label,
      color: kind(a.kind).color,
    }));
  }

  /** Sets one end of the path (`end` is 'from' or 'to'). */
  setEnd(end, stakeholder) {
    this.ends[end] = stakeholder;
    this[end].value = stakeholder ? stakeholder.name : '';
  }

  swap() {
    const { from, to } = this.ends;
    this.setEnd('from', to);
    this.setEnd('to', from);
    if (this.result) this.find();
  }

  /** Asks for the path and shows it; the ends must be chosen from the suggestions. */
  async find() {
    const { from, to } = this.ends;
    if (!from || !to || this.from.value !== from.name || this.to.value !== to.name) {
      this.message('Choose a start and an end from the suggestions.');
      return;
    }
    if (from.id === to.id) {
      this.message('Start and end are the same stakeholder.');
      return;
    }
    this.findButton.disabled = true;
    this.message('Looking for the shortest path…');
    try {
      const result = await fetchPath(from.id, to.id, this.getFilter());
      this.show(result);
    } catch (err) {
      this.message(err.message, true);
    } finally {
      this.findButton.disabled = false;
    }
  }

  show(result) {
    const path = result?.paths?.[0];
    if (!path) {
      this.result = null;
      this.view.showPath(null);
      this.onChange(null);
      this.message('No path of at most 10 hops joins them in this view.');
      this.output.dataset.length = 'none';
      return;
    }
    this.result = { from: this.ends.from, to: this.ends.to, length: result.length };
    this.view.showPath({
      nodes: path.stakeholders.map((s) => s.id),
      edges: path.hops.flatMap((hop) => hop.ties.map((t) => t.key)),
    });
    this.onChange(this.result);
    this.clearButton.hidden = false;
    this.output.dataset.length = String(result.length);
    const steps = [];
    path.stakeholders.forEach((s, i) => {
      steps.push(
        h(
          'li.path-node',
          h('span.dot', { style: { background: kind(s.kind).color } }),
          h('button.link-button', { type: 'button', onclick: () => this.open(s.slug) }, s.name),
        ),
      );
      const hop = path.hops[i];
      if (hop) {
        steps.push(
          h(
            'li.path-hop',
            hop.ties.map((t) =>
              h(
                'details',
                h('summary', h('span.tie-swatch', { style: { background: tieType(t.type).color } }), tieType(t.type).label),
                t.description ? h('p.small', t.description) : null,
                t.events.length > 0 ? eventList(t.events) : [h('p.muted.small', evidenceSummary(t)), sourceList(t.sources)],
              ),
            ),
          ),
        );
      }
    });
    replaceChildren(
      this.output,
      h(
        'p.path-summary',
        `${result.length} hop${result.length === 1 ? '' : 's'}`,
        result.truncated ? ' (one of several shortest paths)' : '',
      ),
      h('ol.path-steps', steps),
    );
  }

  message(text, isError = false) {
    replaceChildren(this.output, h(isError ? 'p.error' : 'p.muted', text));
  }

  /** Forgets the path (kept ends stay in the fields). */
  clear() {
    this.result = null;
    this.clearButton.hidden = true;
    this.output.replaceChildren();
    delete this.output.dataset.length;
    this.view.showPath(null);
    this.onChange(null);
  }
}
