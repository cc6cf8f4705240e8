// The export section of the sidebar: a PNG image of the drawing, and the service's data formats for the
// view on screen. The data formats are plain links; once the user has signed in, a click fetches the file
// with the token instead (a link cannot send an Authorization header) and saves what came back.

import * as api from './api.js';
import * as credentials from './credentials.js';
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
      h(
        'a.export-link',
        { dataset: { format: f.value }, download: '', title: f.hint, onclick: (e) => this.download(e, f) },
        icon(ICONS.download),
        f.label,
      ),
    );
    // Stays in the page, empty, so that screen readers read out what appears in it.
    this.message = h('p.export-message.error', { role: 'status' });
    const png = h(
      'button.button.primary.wide',
      { type: 'button', id: 'export-png', onclick: () => this.exportPNG() },
      icon(ICONS.download),
      'PNG image of the drawing',
    );
    this.root = h('div.export', png, h('div.export-links', { 'aria-label': 'Data downloads' }, this.links), this.message);
  }

  /** Points the data links at the view the state selects; formats without a shared-events view hide in one. */
  update(state) {
    this.links.forEach((a, i) => {
      a.href = api.exportURL(a.dataset.format, state.filter);
      a.hidden = Boolean(state.filter.affiliation && EXPORT_FORMATS[i].tiesOnly);
    });
  }

  /**
   * Downloads a data format with the user's token: the file comes as a Blob and is saved under the name
   * the service gave it. Without a token the link does its own download.
   */
  async download(event, format) {
    if (!credentials.token()) return;
    event.preventDefault();
    const link = event.currentTarget;
    if (link.getAttribute('aria-busy') === 'true') return; // already on its way
    link.setAttribute('aria-busy', 'true');
    this.message.textContent = '';
    try {
      const { blob, filename } = await api.download(link.href);
      saveFile(blob, filename);
    } catch (err) {
      this.message.textContent = `The ${format.label} download failed: ${err.message}`;
    } finally {
      link.removeAttribute('aria-busy');
    }
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
      if (blob) saveFile(blob, `stakeholder-network${state.filter.asOf ? '-' + state.filter.asOf : ''}.png`);
    }, 'image/png');
  }
}

/** Saves a Blob as a file download named `filename`, through an object URL that is let go of soon after. */
function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
