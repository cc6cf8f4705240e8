// The export section of the sidebar: a PNG image of the drawing, and the service's data formats for the
// view on screen.

import * as api from './api.js';
import { h, icon, ICONS } from './dom.js';
import { drawLegend } from './legend.js';
import { describeView } from './stage.js';
import { EXPORT_FORMATS } from './vocabulary.js';

const FONT = '"Inter Variable", Inter, system-ui, sans-serif';

export class ExportPanel {
  constructor(store, stage) {
    this.store = store;
    this.stage = stage;
    this.links = EXPORT_FORMATS.map((f) =>
      h('a.export-link', { dataset: { format: f.value }, download: '', title: f.hint }, icon(ICONS.download), f.label),
    );
    const png = h(
      'button.button.primary.wide',
      { type: 'button', id: 'export-png', onclick: () => this.exportPNG() },
      icon(ICONS.download),
      'PNG image of the drawing',
    );
    this.root = h('div.export', png, h('div.export-links', { 'aria-label': 'Data downloads' }, this.links));
  }

  /** Points the data links at the view the state selects; formats without a shared-events view hide in one. */
  update(state) {
    this.links.forEach((a, i) => {
      a.href = api.exportURL(a.dataset.format, state.filter);
      a.hidden = Boolean(state.filter.affiliation && EXPORT_FORMATS[i].tiesOnly);
    });
  }

  exportPNG() {
    const state = this.store.get();
    const view = this.stage.view;
    const canvas = view.snapshot((ctx, width, height, ratio) => {
      ctx.fillStyle = '#1f2933';
      ctx.font = `600 ${16 * ratio}px ${FONT}`;
      ctx.textBaseline = 'top';
      ctx.fillText('Stakeholder network', 16 * ratio, 14 * ratio);
      ctx.fillStyle = '#52606d';
      ctx.font = `400 ${12 * ratio}px ${FONT}`;
      ctx.fillText(describeView(this.stage.network, state), 16 * ratio, 36 * ratio);
      drawLegend(ctx, view, state, 16 * ratio, height - 16 * ratio, ratio, FONT);
    });
    canvas.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `stakeholder-network${state.filter.asOf ? '-' + state.filter.asOf : ''}.png` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }, 'image/png');
  }
}
