// The side panel about one stakeholder: who it is, what it does, its
// partners grouped by kind, its other ties (memberships, secretariats,
// parent bodies), the people who work there and the events it took part in,
// with the sources behind every tie and how well they evidence it. Data:
// STAKEHOLDER_QUERY in api.js, and in a shared-events view
// SHARED_EVENTS_QUERY for the stakeholders it met at events.

import { evidenceFilter, fetchSharedEvents, fetchStakeholder } from './api.js';
import { h, replaceChildren, icon, ICONS } from './dom.js';
import { evidenceSummary, eventList, formatDate, sourceList, tieDates } from './format.js';
import { KINDS, kind, sector, focusArea, tieType, ROLES } from './vocabulary.js';

export class DetailsPanel {
  /**
   * @param {HTMLElement} root the panel element (an <aside>)
   * @param {object} actions {close(), open(slug), pathFrom(stakeholder), pathTo(stakeholder), clearFilters()}
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.controller = null;
    this.current = null; // the stakeholder shown
  }

  /**
   * Loads and shows a stakeholder as the view's `filter` sees it (its date,
   * the evidence asked of ties, shared events); `inView` says whether it is drawn.
   */
  async show(slug, { filter, inView }) {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.root.hidden = false;
    this.root.dataset.state = 'loading';
    this.root.dataset.slug = slug;
    replaceChildren(this.root, this.header(null), h('div.panel-body', h('p.loading', 'Loading…')));
    try {
      const s = await fetchStakeholder(slug, filter, { signal: controller.signal });
      const shared = filter.affiliation ? await fetchSharedEvents(s.id, filter, { signal: controller.signal }) : null;
      if (controller.signal.aborted) return;
      this.current = s;
      const strict = Boolean(evidenceFilter(filter));
      replaceChildren(this.root, this.header(s), this.body(s, { asOf: filter.asOf, strict, inView, shared }));
      this.root.dataset.state = 'ready';
    } catch (err) {
      if (err.name === 'AbortError') return;
      this.current = null;
      replaceChildren(
        this.root,
        this.header(null),
        h('div.panel-body', h('p.error', err.code === 'NOT_FOUND' ? 'This stakeholder no longer exists.' : err.message)),
      );
      this.root.dataset.state = 'error';
    }
  }

  hide() {
    this.controller?.abort();
    this.current = null;
    this.root.hidden = true;
    delete this.root.dataset.slug;
    this.root.replaceChildren();
  }

  header(s) {
    const close = h(
      'button.icon-button.panel-close',
      { type: 'button', 'aria-label': 'Close the details', title: 'Close (Esc)', onclick: () => this.actions.close() },
      icon(ICONS.close),
    );
    if (!s) return h('header.panel-header', h('div.panel-title', h('h2', '\u00a0')), close);
    const k = kind(s.kind);
    const sec = sector(s.sector);
    return h(
      'header.panel-header',
      h(
        'div.panel-title',
        h('p.eyebrow', h('span.dot', { style: { background: k.color } }), k.label, s.acronym ? ` · ${s.acronym}` : ''),
        h('h2', { id: 'details-title' }, s.name),
        h(
          'div.badges',
          h('span.badge', { style: { borderColor: sec.color, color: sec.color } }, sec.label),
          s.country ? h('span.badge.neutral', s.country) : h('span.badge.neutral', 'International'),
          s.collective ? h('span.badge.warn', { title: 'Stands for an unnamed group, never for any one member' }, 'Collective') : null,
        ),
      ),
      close,
    );
  }

  /** The panel's sections; `strict` says whether the view asks more evidence of ties than the API's default. */
  body(s, { asOf, strict, inView, shared }) {
    const partnersByKind = groupPartners(s.partners);
    const otherTies = s.ties.filter((t) => t.type !== 'PARTNERS_WITH');
    return h(
      'div.panel-body',
      inView
        ? null
        : h(
            'div.callout',
            h('p', 'This stakeholder is not drawn in the current view.'),
            h('button.link-button', { type: 'button', onclick: () => this.actions.clearFilters() }, 'Show the whole network'),
          ),
      s.description ? h('p.description', s.description) : null,
      h(
        'div.panel-actions',
        h('button.button.small', { type: 'button', onclick: () => this.actions.pathFrom(s) }, icon(ICONS.route), 'Path from here'),
        h('button.button.small', { type: 'button', onclick: () => this.actions.pathTo(s) }, 'Path to here'),
      ),
      s.focusAreas.length
        ? section('Focus areas', h('div.chips.static', s.focusAreas.map((f) => h('span.chip', focusArea(f).label))))
        : null,
      s.mandates.length ? section('Mandates', h('ul.plain-list', s.mandates.map((m) => h('li', m)))) : null,
      s.aliases.length ? section('Also known as', h('p', s.aliases.join(' · '))) : null,
      shared ? this.sharedSection(s, shared, asOf) : null,
      section(
        `Partners${asOf ? ` on ${formatDate(asOf)}` : ''}`,
        s.partners.length === 0
          ? h('p.muted', noPartners(asOf, strict))
          : h(
              'div',
              { 'aria-label': 'Partners' },
              partnersByKind.map(([k, list]) =>
                h(
                  'div.partner-group',
                  h('h4', h('span.dot', { style: { background: kind(k).color } }), kind(k).label, h('span.count', String(list.length))),
                  h('ul.ties', list.map((p) => this.tieItem(p.partner, p, 'Partners with'))),
                ),
              ),
            ),
        s.partners.length,
      ),
      otherTies.length
        ? section(
            'Other ties',
            h('ul.ties', { 'aria-label': 'Other ties' }, otherTies.map((t) => this.tieItem(t.other, t, describeTie(t)))),
            otherTies.length,
          )
        : null,
      s.positions.length
        ? section(
            'People',
            h(
              'ul.people',
              { 'aria-label': 'People' },
              s.positions.map((p) =>
                h(
                  'li',
                  h('strong', [p.person.honorific, p.person.name].filter(Boolean).join(' ')),
                  h('span', p.title),
                  p.since || p.until ? h('span.muted.small', tieDates(p)) : null,
                ),
              ),
            ),
            s.positions.length,
          )
        : null,
      s.participations.length
        ? section(
            'Events',
            h(
              'ul.events',
              s.participations.map((p) =>
                h('li', h('span.role', ROLES[p.role] || p.role), h('span', p.event.name), h('span.muted.small', formatDate(p.event.date))),
              ),
            ),
            s.participations.length,
          )
        : null,
      s.sources.length ? section('Sources for this profile', sourceList(s.sources, 'Profile sources')) : null,
    );
  }

  /**
   * The stakeholders this one took part in events with, in the shared-events
   * view: the drawn ties from it, most shared events first, each with its events.
   */
  sharedSection(s, ties, asOf) {
    const items = ties
      .map((t) => ({ other: t.from.id === s.id ? t.to : t.from, weight: t.weight, events: t.events }))
      .sort((a, b) => b.weight - a.weight || a.other.name.localeCompare(b.other.name));
    return section(
      `Shared events${asOf ? ` by ${formatDate(asOf)}` : ''}`,
      items.length === 0
        ? h('p.muted', 'It took part in no event with another stakeholder of this view.')
        : h(
            'ul.ties',
            { 'aria-label': 'Shared events' },
            items.map(({ other, weight, events }) =>
              h(
                'li.tie',
                { dataset: { slug: other.slug, weight: String(weight) } },
                h(
                  'div.tie-head',
                  h('span.dot', { style: { background: kind(other.kind).color } }),
                  h('button.link-button.tie-name', { type: 'button', onclick: () => this.actions.open(other.slug) }, other.name),
                ),
                h(
                  'details.tie-sources',
                  { open: weight <= 2 },
                  h('summary', `${weight} shared event${weight === 1 ? '' : 's'}`),
                  eventList(events, `Events shared with ${other.name}`),
                ),
              ),
            ),
          ),
      items.length,
    );
  }

  /** One tie: the other stakeholder (click to open it), what the tie is, when, its sources and how well they evidence it. */
  tieItem(other, tie, what) {
    const k = kind(other.kind);
    const details = h(
      'details.tie-sources',
      h('summary', `${tie.sources.length} source${tie.sources.length === 1 ? '' : 's'}`),
      sourceList(tie.sources),
    );
    if (tie.sources.length > 0 && tie.sources.length <= 2) details.open = true;
    const evidence = evidenceSummary(tie);
    return h(
      'li.tie',
      {
        dataset: {
          slug: other.slug,
          independentSources: String(tie.independentSources ?? ''),
          strongestSource: tie.strongestSource || '',
        },
      },
      h(
        'div.tie-head',
        h('span.dot', { style: { background: k.color } }),
        h('button.link-button.tie-name', { type: 'button', onclick: () => this.actions.open(other.slug) }, other.name),
      ),
      h(
        'p.tie-meta',
        [what, tieDates(tie), tie.focusAreas?.length ? tie.focusAreas.map((f) => focusArea(f).label).join(', ') : '']
          .filter(Boolean)
          .join(' · '),
      ),
      tie.description ? h('p.tie-description', tie.description) : null,
      evidence ? h('p.tie-evidence', evidence) : null,
      details,
    );
  }
}

function section(title, content, count) {
  return h(
    'section.panel-section',
    h('h3', title, count !== undefined ? h('span.count', String(count)) : null),
    content,
  );
}

/** "No partnership recorded.", or why the view shows none: its date, the evidence it asks. */
function noPartners(asOf, strict) {
  if (!asOf && !strict) return 'No partnership recorded.';
  return `No partnership${asOf ? ' in force on that date' : ''}${strict ? ' with that much evidence' : ''}.`;
}

/** Partners grouped by kind, in the legend's order of kinds. */
function groupPartners(partners) {
  const groups = new Map();
  for (const p of partners) {
    const list = groups.get(p.partner.kind) || [];
    list.push(p);
    groups.set(p.partner.kind, list);
  }
  const order = KINDS.map((k) => k.value);
  return [...groups.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

/** "Member of", "Has member", "Part of", "Has part", ... from this stakeholder's side. */
function describeTie(t) {
  const label = tieType(t.type).label;
  const incoming = {
    MEMBER_OF: 'Has member',
    PART_OF: 'Has unit',
    SECRETARIAT_OF: 'Has secretariat',
    FUNDS: 'Funded by',
    TRAINS: 'Trained by',
    CHAIRS: 'Chaired by',
    HOSTS: 'Hosted by',
    SANCTIONS: 'Sanctioned by',
    CRITICISES: 'Criticised by',
  };
  const base = t.direction === 'INCOMING' ? incoming[t.type] || label : label;
  return t.role ? `${base} (${t.role})` : base;
}
