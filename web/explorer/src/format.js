// Formatting of the API's values for people: dates at their precision,
// numbers, the source citations shown under every tie, how well a tie is
// evidenced, and the events behind a shared-events tie.

import { h, icon, ICONS } from './dom.js';
import { SOURCE_KINDS, eventKind, humanize } from './vocabulary.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-07-30" -> "30 Jul 2024", "2023-02" -> "Feb 2023", "2015" -> "2015". */
export function formatDate(date) {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  if (d) return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  if (m) return `${MONTHS[Number(m) - 1]} ${y}`;
  return y;
}

const integer = new Intl.NumberFormat('en-GB');
export const formatCount = (n) => integer.format(n);

/** A score with three significant digits: 0.0023, 0.449, 12.5. */
export function formatScore(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (v === 0) return '0';
  return Number(v.toPrecision(3)).toString();
}

/** "since 2015" / "shown from Feb 2023" / "until 2020": when a tie held, as far as the sources say. */
export function tieDates(t) {
  const parts = [];
  if (t.since) parts.push(`since ${formatDate(t.since)}`);
  else if (t.evidencedFrom) parts.push(`evidenced from ${formatDate(t.evidencedFrom)}`);
  if (t.until) parts.push(`until ${formatDate(t.until)}`);
  return parts.join(' · ');
}

/**
 * The sources behind a fact: each with its title (a link when the source
 * has a URL), what kind of document it is, publisher, date and the quoted
 * passage.
 */
export function sourceList(sources, label = 'Sources') {
  if (!sources || sources.length === 0) {
    return h('p.muted.small', 'No source recorded.');
  }
  return h(
    'ul.sources',
    { 'aria-label': label },
    sources.map((s) => {
      const meta = [SOURCE_KINDS[s.kind], s.publisher, formatDate(s.date)].filter(Boolean).join(' · ');
      const title = isSafeURL(s.url)
        ? h('a.source-title', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title, ' ', icon(ICONS.external))
        : h('span.source-title', s.title);
      return h(
        'li.source',
        title,
        meta ? h('span.source-meta', meta) : null,
        s.quote ? h('blockquote.source-quote', s.quote) : null,
      );
    }),
  );
}

/** "2 independent sources · strongest: News": the evidence behind a tie, as the API weighs it. */
export function evidenceSummary(t) {
  const parts = [];
  if (Number.isInteger(t.independentSources)) {
    parts.push(`${t.independentSources} independent source${t.independentSources === 1 ? '' : 's'}`);
  }
  if (t.strongestSource) parts.push(`strongest: ${SOURCE_KINDS[t.strongestSource] || humanize(t.strongestSource)}`);
  return parts.join(' · ');
}

/** The events two stakeholders took part in together: kind, name and date of each, in the API's order (newest first). */
export function eventList(events, label = 'Shared events') {
  return h(
    'ul.events',
    { 'aria-label': label },
    events.map((e) =>
      h(
        'li',
        { dataset: { event: e.slug } },
        h('span.role', eventKind(e.kind).label),
        h('span.event-name', e.name),
        e.date ? h('span.muted.small', formatDate(e.date)) : null,
      ),
    ),
  );
}

/** Only http(s) links are rendered as links. */
function isSafeURL(url) {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 for an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, taking the first day). */
export function dayNumber(date) {
  const [y, m = '01', d = '01'] = date.split('-');
  return Math.floor(Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86400000);
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export function isoDay(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** Today as a day number (UTC). */
export const today = () => Math.floor(Date.now() / 86400000);
