// The search box: the API's full-text search (SEARCH_QUERY) as a combobox.
// Choosing a stakeholder focuses it in the drawing and opens its panel; a
// person leads to the stakeholder they work at, an event to its host.

import { search } from './api.js';
import { h, replaceChildren, debounce, icon, ICONS } from './dom.js';
import { formatDate } from './format.js';
import { kind } from './vocabulary.js';

let nextId = 0;

/**
 * A combobox over a source of options. `load(text)` returns options
 * ({key, label, detail, color}) and `choose(option)` acts on the one picked.
 * Used by the search box (options from the API) and by the path finder's
 * two fields (options from the drawn nodes).
 */
export class Combobox {
  constructor({ placeholder, label, load, choose, delay = 0, className = '' }) {
    const id = `combo-${++nextId}`;
    this.load = load;
    this.choose = choose;
    this.options = [];
    this.active = -1;
    this.input = h('input.combo-input', {
      type: 'search',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder,
      'aria-label': label,
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
    });
    this.list = h('ul.combo-list', { id: `${id}-list`, role: 'listbox', 'aria-label': `${label}: results`, hidden: true });
    this.root = h(`div.combo${className ? '.' + className : ''}`, this.input, this.list);

    const refresh = async () => {
      const text = this.input.value.trim();
      const seq = (this.seq = (this.seq || 0) + 1);
      if (!text) return this.render([]);
      try {
        const options = await this.load(text);
        if (seq === this.seq) this.render(options, text);
      } catch (err) {
        if (err.name !== 'AbortError' && seq === this.seq) this.render([], text, err.message);
      }
    };
    const later = delay ? debounce(refresh, delay) : refresh;
    this.input.addEventListener('input', later);
    this.input.addEventListener('focus', () => this.input.value.trim() && later());
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  render(options, text, error) {
    this.options = options;
    this.active = options.length ? 0 : -1;
    if (!text) return this.close();
    const items = options.map((o, i) =>
      h(
        'li.combo-option',
        {
          id: `${this.list.id}-${i}`,
          role: 'option',
          'aria-selected': i === this.active ? 'true' : 'false',
          onmousedown: (e) => {
            e.preventDefault(); // keep the focus in the input
            this.pick(i);
          },
        },
        h('span.dot', { style: { background: o.color || 'transparent' } }),
        h('span.combo-label', o.label),
        o.detail ? h('span.combo-detail', o.detail) : null,
      ),
    );
    if (items.length === 0) items.push(h('li.combo-empty', { role: 'presentation' }, error || 'No match'));
    replaceChildren(this.list, items);
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.mark();
  }

  key(e) {
    if (this.list.hidden && e.key !== 'Enter') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.options.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.options.length) % this.options.length;
      this.mark();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  mark() {
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  pick(i) {
    const option = this.options[i];
    this.close();
    if (option) this.choose(option);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  set value(text) {
    this.input.value = text;
  }

  get value() {
    return this.input.value;
  }
}

/** The header search box. `onStakeholder(slug, id)` is called with what the user picked. */
export function createSearch(onStakeholder) {
  let controller = null;
  const box = new Combobox({
    label: 'Search stakeholders, people and events',
    placeholder: 'Search stakeholders, people, events…',
    className: 'search-box',
    delay: 180,
    async load(text) {
      controller?.abort();
      controller = new AbortController();
      const hits = await search(text.slice(0, 200), { signal: controller.signal });
      return hits.map(toOption).filter(Boolean);
    },
    choose(option) {
      box.value = option.target.name;
      onStakeholder(option.target.slug, option.target.id);
    },
  });
  box.root.prepend(icon(ICONS.search));
  return box;
}

/** A search hit as a combobox option that leads to a stakeholder, or null if none. */
function toOption(hit) {
  const n = hit.node;
  switch (n.__typename) {
    case 'Stakeholder':
      return {
        key: n.id,
        label: n.name,
        detail: [n.acronym, kind(n.kind).label].filter(Boolean).join(' · '),
        color: kind(n.kind).color,
        target: n,
      };
    case 'Person': {
      const p = n.positions[0];
      if (!p) return null;
      return {
        key: `person:${n.name}`,
        label: [n.honorific, n.name].filter(Boolean).join(' '),
        detail: `${p.title}, ${p.stakeholder.name}`,
        color: '#64748b',
        target: p.stakeholder,
      };
    }
    case 'Event': {
      const host = n.participants.map((p) => p.participant).find((p) => p.__typename === 'Stakeholder');
      if (!host) return null;
      return {
        key: `event:${n.name}`,
        label: n.name,
        detail: `Event ${formatDate(n.date)} · ${host.name}`.trim(),
        color: '#cbd2d9',
        target: host,
      };
    }
    default:
      return null;
  }
}
