// The legend over the drawing: what the colours, the lines and the sizes
// mean, with how many of each the view holds. The same content is drawn
// into the PNG export (drawLegend), so a saved image explains itself.

import { h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { SHARED_EVENTS_TIE, TIE_TYPES, metric } from './vocabulary.js';

/** The kinds of line the view can draw: the tie types, or the one shared-events tie. */
const lineTypes = (state) => (state.filter.affiliation ? [SHARED_EVENTS_TIE] : TIE_TYPES);

/** Renders the legend into `root` for the view's current groups and ties. */
export function renderLegend(root, view, state) {
  const groups = view.groupCounts();
  const ties = view.tieCounts();
  const m = metric(state.sizeBy);
  replaceChildren(
    root,
    h(
      'details.legend-box',
      { open: root.dataset.collapsed !== 'true', ontoggle: (e) => (root.dataset.collapsed = String(!e.target.open)) },
      h('summary', 'Legend'),
      h('h4', state.colorBy === 'sector' ? 'Sector' : 'Kind'),
      h(
        'ul',
        groups.map((g) =>
          h('li', h('span.dot', { style: { background: g.color } }), h('span.legend-label', g.label), h('span.count', formatCount(g.count))),
        ),
      ),
      h('h4', 'Ties'),
      h(
        'ul',
        lineTypes(state).map((t) => {
          const n = ties.get(t.value) || 0;
          return h(
            'li',
            { class: n ? '' : 'absent' },
            h(`span.line${t.directed ? '.arrow' : ''}`, { style: { background: t.color, height: `${Math.max(2, t.size)}px` } }),
            h('span.legend-label', t.label),
            h('span.count', formatCount(n)),
          );
        }),
      ),
      state.filter.affiliation ? h('p.legend-note', 'Wider: more events shared.') : null,
      h('h4', 'Size'),
      h('p.legend-size', h('span.size-dots', h('span'), h('span'), h('span')), `${m.label} centrality`),
    ),
  );
}

/** Draws a compact legend into a 2D canvas context at (x, y), in CSS pixels times `ratio`. */
export function drawLegend(ctx, view, state, x, y, ratio, font) {
  const groups = view.groupCounts();
  const ties = view.tieCounts();
  const line = 18 * ratio;
  const types = lineTypes(state);
  const rows = groups.length + types.filter((t) => ties.get(t.value)).length + 3;
  const width = 230 * ratio;
  const height = rows * line + 16 * ratio;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#d9dee5';
  ctx.lineWidth = ratio;
  ctx.beginPath();
  ctx.roundRect(x, y - height, width, height, 8 * ratio);
  ctx.fill();
  ctx.stroke();
  let cy = y - height + 8 * ratio + line / 2;
  const text = (s, dx, weight = 400, color = '#1f2933') => {
    ctx.fillStyle = color;
    ctx.font = `${weight} ${12 * ratio}px ${font}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(s, x + dx, cy);
  };
  text(state.colorBy === 'sector' ? 'Sector' : 'Kind', 10 * ratio, 600);
  cy += line;
  for (const g of groups) {
    ctx.fillStyle = g.color;
    ctx.beginPath();
    ctx.arc(x + 16 * ratio, cy, 5 * ratio, 0, 2 * Math.PI);
    ctx.fill();
    text(`${g.label} (${g.count})`, 28 * ratio);
    cy += line;
  }
  text('Ties', 10 * ratio, 600);
  cy += line;
  for (const t of types) {
    const n = ties.get(t.value);
    if (!n) continue;
    ctx.fillStyle = t.color;
    ctx.fillRect(x + 10 * ratio, cy - (t.size * ratio) / 2, 14 * ratio, t.size * ratio);
    text(`${t.label} (${n})`, 28 * ratio);
    cy += line;
  }
  text(`Size: ${metric(state.sizeBy).label} centrality`, 10 * ratio, 400, '#52606d');
  ctx.restore();
}
