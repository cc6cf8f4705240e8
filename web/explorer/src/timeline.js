// The timeline beside the date slider: how the view grew, year by year
// (TIMELINE_QUERY), as a small SVG chart: a line of the ties in force on each
// 31 December over bars of the ties begun in the year. Choosing a year sets
// the slider to its 31 December, so the drawing shows the network the line
// counts. It spans every date, so it leaves the slider's own date out of its
// filter; the API has no timeline of a shared-events view, so it rests there.
//
// Its root carries data-state (loading | ready | error | off) and
// data-year-count, for scripts and tests; each year is a button with
// data-year.

import { fetchTimeline, timelineVariables } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatCount, formatDate } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

// The chart's geometry, in viewBox units (it scales to the sidebar's width).
const WIDTH = 268;
const LINE_TOP = 4; // the ties in force: a line from here ...
const LINE_BOTTOM = 42; // ... to here
const BAR_TOP = 50; // the ties begun: bars from here ...
const BAR_BOTTOM = 76; // ... to here
const HEIGHT = 90; // with the first and last year below

/** An SVG element, as h() makes HTML ones. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

export class Timeline {
  /** @param {object} store the page's state; the timeline follows its filter and sets its date */
  constructor(store) {
    this.store = store;
    this.data = null;
    this.key = null; // the variables of the timeline on screen (or loading)
    this.controller = null;
    this.chart = h('div.timeline-chart');
    this.note = h('p.timeline-note');
    this.keyLine = h('span.key-line', 'in force');
    this.keyBar = h('span.key-bar', 'begun');
    this.keys = h('span.timeline-keys', { 'aria-hidden': 'true', hidden: true }, this.keyLine, this.keyBar);
    this.root = h(
      'div.timeline',
      { dataset: { state: 'loading', yearCount: '0' } },
      h(
        'div.timeline-head',
        h('span.timeline-title', { id: 'timeline-title' }, 'Ties per year'),
        this.keys,
      ),
      this.chart,
      this.note,
    );
    store.subscribe((state, changed) => changed.has('filter') && this.sync(state));
    this.sync(store.get());
  }

  /** Reloads when the view (apart from its date) changed; redraws to mark the slider's year. */
  sync(state) {
    if (state.filter.affiliation) {
      this.controller?.abort();
      this.key = null;
      this.data = null;
      this.root.dataset.state = 'off';
      this.root.dataset.yearCount = '0';
      this.chart.replaceChildren();
      this.keys.hidden = true;
      this.note.textContent = 'The timeline counts ties: it is off while stakeholders are linked by shared events.';
      return;
    }
    const key = JSON.stringify(timelineVariables(state.filter));
    if (key !== this.key) {
      this.key = key;
      this.load(state.filter);
    } else if (this.data) {
      this.render();
    }
  }

  async load(filter) {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.root.dataset.state = 'loading';
    if (!this.data) this.note.textContent = 'Counting ties per year…';
    try {
      const data = await fetchTimeline(filter, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.data = data;
      this.render();
      this.root.dataset.state = 'ready';
    } catch (err) {
      if (err.name === 'AbortError') return;
      this.data = null;
      this.key = null; // try again on the next change
      this.chart.replaceChildren();
      this.keys.hidden = true;
      this.root.dataset.yearCount = '0';
      this.note.textContent = `The timeline could not be loaded: ${err.message}`;
      this.root.dataset.state = 'error';
    }
  }

  /** Sets the date slider to 31 December of `year`. */
  choose(year) {
    this.store.update((st) => (st.filter.asOf = `${year}-12-31`));
  }

  render() {
    const { years, undatedTies } = this.data;
    this.root.dataset.yearCount = String(years.length);
    this.note.textContent =
      years.length === 0
        ? 'No tie of this view has a date.'
        : undatedTies > 0
          ? `${formatCount(undatedTies)} undated tie${undatedTies === 1 ? '' : 's'} count in every year.`
          : '';
    this.keys.hidden = years.length === 0;
    if (years.length === 0) {
      this.chart.replaceChildren();
      return;
    }
    const asOf = this.store.get().filter.asOf;
    const marked = asOf ? Number(asOf.slice(0, 4)) : null;
    const width = WIDTH / years.length;
    const maxInForce = Math.max(1, ...years.map((y) => y.tiesInForce));
    const maxBegun = Math.max(1, ...years.map((y) => y.tiesBegun));
    const lineY = (n) => LINE_BOTTOM - ((LINE_BOTTOM - LINE_TOP) * n) / maxInForce;
    const centre = (i) => (i + 0.5) * width;
    const gap = width > 6 ? 1 : 0;
    this.keyLine.textContent = `in force (up to ${formatCount(maxInForce)})`;
    this.keyBar.textContent = `begun (up to ${formatCount(maxBegun)})`;

    const points = years.map((y, i) => `${centre(i).toFixed(1)},${lineY(y.tiesInForce).toFixed(1)}`);
    const area = s('path', {
      class: 'tl-area',
      d: `M${centre(0).toFixed(1)},${LINE_BOTTOM} L${points.join(' L')} L${centre(years.length - 1).toFixed(1)},${LINE_BOTTOM} Z`,
    });
    const line = s('polyline', { class: 'tl-line', points: points.join(' ') });

    // One button per year: the whole column answers a click, and the arrow keys move between years.
    const focusYear = marked && years.some((y) => y.year === marked) ? marked : years[years.length - 1].year;
    const columns = years.map((y, i) => {
      const x = i * width;
      const barHeight = ((BAR_BOTTOM - BAR_TOP) * y.tiesBegun) / maxBegun;
      const label =
        `${y.year}: ${formatCount(y.tiesInForce)} ties in force on 31 December, ${formatCount(y.tiesBegun)} begun in the year. ` +
        `Show the network on ${formatDate(`${y.year}-12-31`)}`;
      const g = s(
        'g',
        {
          class: `tl-year${y.year === marked ? ' marked' : ''}`,
          role: 'button',
          tabindex: y.year === focusYear ? 0 : -1,
          'aria-label': label,
          'aria-pressed': String(y.year === marked),
          'data-year': y.year,
        },
        s('title', {}, label),
        s('rect', { class: 'tl-hit', x: x.toFixed(2), y: 0, width: width.toFixed(2), height: BAR_BOTTOM + 2 }),
        s('rect', {
          class: 'tl-bar',
          x: (x + gap).toFixed(2),
          y: (BAR_BOTTOM - barHeight).toFixed(2),
          width: Math.max(0.5, width - 2 * gap).toFixed(2),
          height: barHeight.toFixed(2),
        }),
        s('circle', { class: 'tl-point', cx: centre(i).toFixed(2), cy: lineY(y.tiesInForce).toFixed(2), r: Math.min(2.5, width / 3).toFixed(2) }),
      );
      g.addEventListener('click', () => this.choose(y.year));
      return g;
    });

    const svg = s(
      'svg',
      {
        class: 'tl-svg',
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        role: 'group',
        'aria-labelledby': 'timeline-title',
        'aria-describedby': 'timeline-hint',
      },
      s('line', { class: 'tl-axis', x1: 0, x2: WIDTH, y1: LINE_BOTTOM + 0.5, y2: LINE_BOTTOM + 0.5 }),
      s('line', { class: 'tl-axis', x1: 0, x2: WIDTH, y1: BAR_BOTTOM + 0.5, y2: BAR_BOTTOM + 0.5 }),
      area,
      line,
      ...columns,
      s('text', { class: 'tl-tick', x: 0, y: HEIGHT - 2, 'text-anchor': 'start', 'aria-hidden': 'true' }, String(years[0].year)),
      years.length > 1
        ? s('text', { class: 'tl-tick', x: WIDTH, y: HEIGHT - 2, 'text-anchor': 'end', 'aria-hidden': 'true' }, String(years[years.length - 1].year))
        : null,
    );
    svg.addEventListener('keydown', (e) => this.onKey(e, columns));
    // Choosing a year redraws the chart: keep the keyboard where it was.
    const focused = this.chart.contains(document.activeElement);
    replaceChildren(this.chart, svg, h('p.timeline-hint', { id: 'timeline-hint' }, 'Choose a year to see the network on its 31 December.'));
    if (focused) columns.find((g) => g.getAttribute('tabindex') === '0')?.focus();
  }

  /** Arrow keys, Home and End move between the years; Enter and Space choose one. */
  onKey(e, columns) {
    const i = columns.indexOf(document.activeElement);
    if (i < 0) return;
    let next = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = Math.max(0, i - 1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = Math.min(columns.length - 1, i + 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = columns.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(Number(columns[i].dataset.year));
      return;
    } else return;
    e.preventDefault();
    columns[i].setAttribute('tabindex', '-1');
    columns[next].setAttribute('tabindex', '0');
    columns[next].focus();
  }
}
