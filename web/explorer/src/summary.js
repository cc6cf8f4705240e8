// The summary view of the current network view (SUMMARY_QUERY): headline
// numbers, stakeholders by kind and by sector, the cross-group tie matrix as
// a heatmap ("which agencies partner with which NGOs, ministries and
// diplomatic missions" at a glance) and the top brokers between sectors.

import { fetchSummary } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatCount, formatScore } from './format.js';
import { KINDS, SECTORS, kind, sector } from './vocabulary.js';

export class SummaryView {
  /** @param {HTMLElement} root @param {object} actions {open(slug)} */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.matrix = 'sector'; // or 'kind'
    this.data = null;
    this.controller = null;
  }

  /** Loads the summary of the view `filter` and draws it. */
  async load(filter) {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.root.dataset.state = 'loading';
    if (!this.data) replaceChildren(this.root, h('p.loading', 'Computing the summary…'));
    try {
      this.data = await fetchSummary(filter, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.render();
      this.root.dataset.state = 'ready';
    } catch (err) {
      if (err.name === 'AbortError') return;
      replaceChildren(this.root, h('p.error', err.message));
      this.root.dataset.state = 'error';
    }
  }

  render() {
    const { networkStats: s, brokers } = this.data;
    replaceChildren(
      this.root,
      h(
        'div.summary-grid',
        h(
          'section.card.stats',
          { 'aria-label': 'Key figures' },
          stat('Stakeholders', formatCount(s.stakeholderCount)),
          stat('Tied pairs', formatCount(s.edgeCount)),
          stat('Density', formatScore(s.density)),
          stat('Mean ties each', formatScore(s.averageDegree)),
          stat('Components', formatCount(s.componentCount), `largest: ${formatCount(s.largestComponentSize)}`),
          stat('Diameter', formatCount(s.diameter), 'hops across the largest component'),
        ),
        h('section.card', { 'aria-label': 'Stakeholders by kind' }, h('h3', 'By kind'), bars(s.byKind, KINDS, kind)),
        h('section.card', { 'aria-label': 'Stakeholders by sector' }, h('h3', 'By sector'), bars(s.bySector, SECTORS, sector)),
        h(
          'section.card.wide',
          { 'aria-label': 'Openness of each sector' },
          h('h3', 'Does each sector tie outwards or inwards?'),
          h(
            'p.muted.small',
            'Krackhardt and Stern’s E–I index: −1 when a sector’s ties stay within it, +1 when they all reach other sectors.',
          ),
          openness(s.sectorEI),
        ),
        this.heatmapCard(s),
        this.brokersCard(brokers),
      ),
    );
  }

  heatmapCard(s) {
    const bySector = this.matrix === 'sector';
    const toggle = (mode, label) =>
      h(
        'button.segment',
        {
          type: 'button',
          'aria-pressed': String(this.matrix === mode),
          onclick: () => {
            this.matrix = mode;
            this.render();
          },
        },
        label,
      );
    return h(
      'section.card.wide',
      { 'aria-label': 'Cross-group tie matrix' },
      h(
        'div.card-head',
        h('h3', 'Who ties with whom'),
        h('div.segmented', { role: 'group', 'aria-label': 'Matrix groups' }, toggle('sector', 'Sectors'), toggle('kind', 'Kinds')),
      ),
      h(
        'p.muted.small',
        'Ties between stakeholders of each pair of groups (each tie counted once). The diagonal holds ties within a group.',
      ),
      heatmap(
        bySector ? s.sectorMatrix : s.kindMatrix,
        bySector ? s.bySector : s.byKind,
        bySector ? SECTORS : KINDS,
        bySector ? sector : kind,
      ),
    );
  }

  brokersCard(brokers) {
    const top = Math.max(...brokers.map((b) => b.betweenness), 0);
    return h(
      'section.card.wide',
      { 'aria-label': 'Top brokers' },
      h('h3', 'Top brokers'),
      h('p.muted.small', 'Stakeholders that bridge sectors, ranked by betweenness: remove them and the sectors drift apart.'),
      brokers.length === 0
        ? h('p.muted', 'No stakeholder ties two sectors together in this view.')
        : h(
            'table.brokers',
            h('thead', h('tr', h('th', '#'), h('th', 'Stakeholder'), h('th', 'Betweenness'), h('th', 'Bridges to'))),
            h(
              'tbody',
              brokers.map((b, i) =>
                h(
                  'tr',
                  h('td.rank', String(i + 1)),
                  h(
                    'td',
                    h('span.dot', { style: { background: sector(b.stakeholder.sector).color } }),
                    h('button.link-button', { type: 'button', onclick: () => this.actions.open(b.stakeholder.slug) }, b.stakeholder.name),
                  ),
                  h(
                    'td.score',
                    h('span.meter', h('span', { style: { width: `${top > 0 ? (100 * b.betweenness) / top : 0}%` } })),
                    formatScore(b.betweenness),
                  ),
                  h(
                    'td',
                    h(
                      'div.chips.static',
                      b.bridgedSectors.map((x) => h('span.chip', { style: { borderColor: sector(x).color } }, sector(x).label)),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  }
}

function stat(label, value, note) {
  return h('div.stat', h('span.stat-value', value), h('span.stat-label', label), note ? h('span.stat-note', note) : null);
}

/** Horizontal bars of group counts, in the vocabulary's order. */
function bars(counts, order, describe) {
  const byGroup = new Map(counts.map((c) => [c.group, c.count]));
  const max = Math.max(1, ...counts.map((c) => c.count));
  const rows = order.filter((g) => byGroup.has(g.value));
  // Groups the vocabulary does not list still show, at the end.
  for (const c of counts) if (!order.some((g) => g.value === c.group)) rows.push(describe(c.group));
  return h(
    'ul.bars',
    rows.map((g) => {
      const n = byGroup.get(g.value);
      return h(
        'li',
        h('span.bar-label', g.label),
        h('span.bar', h('span', { style: { width: `${(100 * n) / max}%`, background: g.color } })),
        h('span.bar-value', formatCount(n)),
      );
    }),
  );
}

/** Diverging bars of E-I indexes, from -1 (inward) to +1 (outward). */
function openness(groups) {
  const order = SECTORS.map((g) => g.value);
  const rows = [...groups].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  return h(
    'ul.ei',
    rows.map((g) => {
      const d = sector(g.group);
      const v = g.index;
      const bar = h('span.ei-bar');
      if (v !== null && v !== undefined) {
        const fill = h('span', { style: { background: d.color, width: `${Math.abs(v) * 50}%` } });
        fill.style[v < 0 ? 'right' : 'left'] = '50%';
        bar.append(fill);
      }
      return h(
        'li',
        { dataset: { group: g.group } },
        h('span.bar-label', d.label),
        bar,
        h('span.bar-value', v === null || v === undefined ? '–' : formatScore(v)),
        h('span.ei-note', `${formatCount(g.external)} out · ${formatCount(g.internal)} within`),
      );
    }),
  );
}

/**
 * A symmetric matrix of tie counts between groups, coloured from white to
 * deep blue. Only the groups present in the view get a row and a column.
 */
function heatmap(cells, counts, order, describe) {
  const present = new Set(counts.map((c) => c.group));
  for (const c of cells) {
    present.add(c.from);
    present.add(c.to);
  }
  const groups = order.filter((g) => present.has(g.value));
  for (const g of present) if (!order.some((o) => o.value === g)) groups.push(describe(g));
  const value = new Map();
  for (const c of cells) {
    value.set(`${c.from}|${c.to}`, c.count);
    value.set(`${c.to}|${c.from}`, c.count);
  }
  const max = Math.max(1, ...cells.map((c) => c.count));
  return h(
    'div.heatmap-wrap',
    h(
      'table.heatmap',
      h(
        'thead',
        h(
          'tr',
          h('th', { scope: 'col' }, h('span.sr-only', 'From \\ to')),
          groups.map((g) => h('th', { scope: 'col', title: g.label }, h('span.col-label', g.label))),
        ),
      ),
      h(
        'tbody',
        groups.map((row) =>
          h(
            'tr',
            h('th', { scope: 'row' }, h('span.dot', { style: { background: row.color } }), row.label),
            groups.map((col) => {
              const n = value.get(`${row.value}|${col.value}`) || 0;
              const t = n / max;
              const cell = h(
                'td',
                {
                  title: `${row.label} – ${col.label}: ${n} tie${n === 1 ? '' : 's'}`,
                  dataset: { from: row.value, to: col.value, count: String(n) },
                },
                n ? formatCount(n) : '',
              );
              cell.style.background = heat(t);
              cell.style.color = t > 0.55 ? '#ffffff' : '#1f2933';
              return cell;
            }),
          ),
        ),
      ),
    ),
  );
}

/** White to deep blue, through a light blue; t in [0, 1]. Zero stays white. */
function heat(t) {
  if (t <= 0) return '#ffffff';
  const stops = [
    [0, [230, 238, 252]],
    [0.5, [108, 150, 226]],
    [1, [29, 43, 83]],
  ];
  const i = t <= 0.5 ? 0 : 1;
  const [t0, c0] = stops[i];
  const [t1, c1] = stops[i + 1];
  const u = (t - t0) / (t1 - t0);
  const c = c0.map((v, k) => Math.round(v + (c1[k] - v) * u));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
