// The drawing: a graphology graph rendered by sigma.js (WebGL), laid out by
// ForceAtlas2 in a web worker. Nodes are coloured by kind or sector and
// sized by a centrality score; ties are coloured and shaped by type
// (partnerships as thick undirected lines, organisational ties as arrows),
// and shared-events ties widen with the number of events behind them.
//
// The container element carries the drawing's state as data attributes, for
// scripts and tests: data-state (loading | ready | error), data-node-count,
// data-edge-count, data-tie-types (the types drawn, comma-separated),
// data-max-weight (the heaviest tie's weight), data-layout (running | done),
// data-selected (slug), data-focused (slug, once the camera has arrived) and
// data-path-length.

import Graph from 'graphology';
import Sigma from 'sigma';
import { LayoutRunner } from './layout.js';
import { groupOf, groupsFor, tieType } from './vocabulary.js';

const FONT = '"Inter Variable", Inter, system-ui, -apple-system, "Segoe UI", sans-serif';
const DIM_NODE = '#d9dee5';
const DIM_EDGE = '#edf0f3';
const PATH_EDGE = '#1d2b53';
const LABEL_MAX = 26;

/** "#rrggbb" with an alpha, as rgba(); alpha 1 keeps the colour as it is. */
function fade(hex, alpha) {
  if (alpha >= 1) return hex;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A deterministic pseudo-random generator (mulberry32), so layouts repeat. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The label drawn next to a node: the name when short, else the acronym, else a shortened name. */
export function shortLabel(s) {
  if (s.name.length <= LABEL_MAX) return s.name;
  if (s.acronym) return s.acronym;
  return s.name.slice(0, LABEL_MAX - 1).trimEnd() + '…';
}

/**
 * How much wider than its type's line a tie of `weight` is drawn: 1 for one
 * event (and every stored tie), then growing with the logarithm, so that a
 * pair that met at 20 events does not hide its neighbours.
 */
function weightFactor(weight) {
  return weight > 1 ? Math.min(4, 1 + Math.log2(weight)) : 1;
}

export class NetworkView {
  /**
   * @param {HTMLElement} container where sigma draws
   * @param {object} options {workerURL, onClickNode(id), onClickStage()}
   */
  constructor(container, { workerURL, onClickNode, onClickStage }) {
    this.container = container;
    this.graph = new Graph({ multi: true, type: 'mixed' });
    this.positions = new Map(); // id -> {x, y}, kept across filter changes
    this.colorBy = 'sector';
    this.scores = new Map(); // id -> centrality value
    this.highlight = { hovered: null, selected: null, neighbors: new Set(), path: null };
    this.firstLayout = true;

    this.layout = new LayoutRunner(workerURL, (running) => {
      container.dataset.layout = running ? 'running' : 'done';
    });

    this.sigma = new Sigma(this.graph, container, {
      // The container may still be detached or hidden; main.js calls resize() once it is laid out.
      allowInvalidContainer: true,
      defaultEdgeType: 'line',
      labelFont: FONT,
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: '#1f2933' },
      labelDensity: 0.8,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 7,
      zIndex: true,
      minCameraRatio: 0.03,
      maxCameraRatio: 6,
      stagePadding: 40,
      defaultDrawNodeHover: drawHover,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });

    this.sigma.on('enterNode', ({ node }) => {
      this.highlight.hovered = node;
      container.style.cursor = 'pointer';
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('leaveNode', () => {
      this.highlight.hovered = null;
      container.style.cursor = '';
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('clickNode', ({ node }) => onClickNode(node));
    this.sigma.on('clickStage', () => onClickStage());
  }

  /**
   * Replaces the drawn network with `network` (the API's Network), keeping
   * the places of the stakeholders that were already drawn, and lays it out.
   */
  setNetwork(network) {
    const graph = new Graph({ multi: true, type: 'mixed' });
    // Dense drawings get thinner, translucent ties so the nodes stay visible.
    const ties = network.ties.length;
    const alpha = ties > 5000 ? 0.3 : ties > 1000 ? 0.45 : 1;
    const thin = ties > 5000 ? 0.6 : ties > 1000 ? 0.75 : 1;
    for (const s of network.stakeholders) {
      graph.addNode(s.id, {
        label: shortLabel(s),
        name: s.name,
        slug: s.slug,
        kind: s.kind,
        sector: s.sector,
        country: s.country,
        collective: s.collective,
        x: 0,
        y: 0,
        size: 4,
        color: '#999',
      });
    }
    for (const t of network.ties) {
      const from = t.from.id;
      const to = t.to.id;
      if (!graph.hasNode(from) || !graph.hasNode(to) || graph.hasEdge(t.key)) continue;
      const style = tieType(t.type);
      const weight = t.weight || 1;
      const size = style.size * thin * weightFactor(weight);
      const attrs = {
        tieType: t.type,
        weight,
        color: fade(style.color, alpha),
        fullColor: style.color,
        size,
        baseSize: size,
      };
      if (t.directed) graph.addDirectedEdgeWithKey(t.key, from, to, { ...attrs, type: 'arrow' });
      else graph.addUndirectedEdgeWithKey(t.key, from, to, { ...attrs, type: 'line' });
    }

    const warm = this.placeNodes(graph);
    this.graph = graph;
    this.applyColors();
    this.applySizes();
    this.highlight.path = null;
    this.highlight.hovered = null;
    if (this.highlight.selected && !graph.hasNode(this.highlight.selected)) this.highlight.selected = null;
    this.updateNeighbors();
    // Hand sigma the new graph before anything redraws: the reducers read this.graph, and an edge of the
    // old graph missing from the new one would make them throw (a mode switch replaces every edge).
    this.sigma.setGraph(graph);
    // Small networks can show every label; large ones only those of the bigger discs.
    this.sigma.setSetting('labelRenderedSizeThreshold', graph.order <= 150 ? 0 : graph.order <= 1000 ? 6 : 8);
    // Very many ties: draw them only when the camera rests, so panning stays smooth.
    this.sigma.setSetting('hideEdgesOnMove', graph.size > 10000);

    this.container.dataset.nodeCount = String(graph.order);
    this.container.dataset.edgeCount = String(graph.size);
    this.container.dataset.tieTypes = [...this.tieCounts().keys()].sort().join(',');
    let heaviest = 0;
    graph.forEachEdge((_, a) => (heaviest = Math.max(heaviest, a.weight)));
    this.container.dataset.maxWeight = String(heaviest);
    delete this.container.dataset.pathLength;

    const first = this.firstLayout;
    this.firstLayout = false;
    const done = this.layout.start(graph, { warm }).then(() => {
      graph.forEachNode((id, a) => this.positions.set(id, { x: a.x, y: a.y }));
    });
    if (first || !warm) this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    return done;
  }

  /**
   * Gives every node a starting position: where it was before, near a placed
   * neighbour, or (for a fresh view) on a circle ordered by sector and kind,
   * so that ForceAtlas2 starts small views from sector groups; large views
   * start from a random disc. Returns whether most nodes kept their places
   * (a warm start).
   */
  placeNodes(graph) {
    const random = rng(graph.order * 7919 + graph.size);
    let kept = 0;
    const unplaced = [];
    graph.forEachNode((id, attr) => {
      const p = this.positions.get(id);
      if (p) {
        attr.x = p.x;
        attr.y = p.y;
        kept++;
      } else {
        unplaced.push(id);
      }
    });
    const warm = graph.order > 0 && kept / graph.order > 0.6;
    if (warm) {
      // Newcomers start next to a neighbour that has a place, or at the edge.
      for (const id of unplaced) {
        const placed = graph.neighbors(id).find((n) => this.positions.has(n));
        const p = placed ? this.positions.get(placed) : { x: (random() - 0.5) * 200, y: (random() - 0.5) * 200 };
        graph.mergeNodeAttributes(id, { x: p.x + (random() - 0.5) * 20, y: p.y + (random() - 0.5) * 20 });
      }
      return true;
    }
    const radius = 40 + 12 * Math.sqrt(graph.order);
    if (graph.order > 500) {
      // Large views: a seeded random disc, so no grouping is suggested before the layout finds one.
      graph.forEachNode((id) => {
        const r = radius * Math.sqrt(random());
        const angle = 2 * Math.PI * random();
        graph.mergeNodeAttributes(id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
      });
      return false;
    }
    const order = graph.nodes().sort((a, b) => {
      const A = graph.getNodeAttributes(a);
      const B = graph.getNodeAttributes(b);
      return A.sector.localeCompare(B.sector) || A.kind.localeCompare(B.kind) || A.slug.localeCompare(B.slug);
    });
    order.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / order.length;
      const r = radius * (0.85 + 0.3 * random());
      graph.mergeNodeAttributes(id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
    });
    return false;
  }

  /** Colours the nodes by 'kind' or 'sector'. */
  setColorBy(mode) {
    this.colorBy = mode;
    this.applyColors();
    this.sigma.refresh({ skipIndexation: true });
  }

  applyColors() {
    const mode = this.colorBy;
    this.graph.updateEachNodeAttributes(
      (_, attr) => {
        attr.color = groupOf(mode, mode === 'sector' ? attr.sector : attr.kind).color;
        return attr;
      },
      { attributes: ['color'] },
    );
  }

  /** Sizes the nodes by centrality scores ([{stakeholder: {id}, value}]); missing nodes get the smallest size. */
  setScores(scores) {
    this.scores = new Map(scores.map((s) => [s.stakeholder.id, s.value]));
    this.applySizes();
    this.sigma.refresh();
  }

  applySizes() {
    const n = this.graph.order;
    // Bigger discs for small networks, where each one is read on its own.
    const min = n > 2000 ? 1.5 : n > 300 ? 2.5 : 6;
    const max = n > 2000 ? 8 : n > 300 ? 13 : 22;
    let top = 0;
    for (const v of this.scores.values()) if (v > top) top = v;
    this.graph.updateEachNodeAttributes(
      (id, attr) => {
        const v = this.scores.get(id) || 0;
        attr.score = v;
        attr.size = top > 0 ? min + (max - min) * Math.sqrt(v / top) : min;
        return attr;
      },
      { attributes: ['size', 'score'] },
    );
  }

  /** The groups in the view with their counts, for the legend: [{value, label, color, count}]. */
  groupCounts() {
    const counts = new Map();
    const attr = this.colorBy === 'sector' ? 'sector' : 'kind';
    this.graph.forEachNode((_, a) => counts.set(a[attr], (counts.get(a[attr]) || 0) + 1));
    return groupsFor(this.colorBy)
      .filter((g) => counts.has(g.value))
      .map((g) => ({ ...g, count: counts.get(g.value) }));
  }

  /** How many ties of each type are drawn. */
  tieCounts() {
    const counts = new Map();
    this.graph.forEachEdge((_, a) => counts.set(a.tieType, (counts.get(a.tieType) || 0) + 1));
    return counts;
  }

  /** Marks a node as selected (its neighbourhood stays bright, the rest dims); null clears. */
  select(id) {
    this.highlight.selected = id && this.graph.hasNode(id) ? id : null;
    this.updateNeighbors();
    const slug = this.highlight.selected ? this.graph.getNodeAttribute(id, 'slug') : null;
    if (slug) this.container.dataset.selected = slug;
    else delete this.container.dataset.selected;
    this.sigma.refresh({ skipIndexation: true });
  }

  updateNeighbors() {
    const id = this.highlight.selected;
    this.highlight.neighbors = new Set(id && this.graph.hasNode(id) ? this.graph.neighbors(id) : []);
  }

  /**
   * Moves the camera onto a node once the layout has settled, zooming in if
   * needed, and marks it in data-focused. Resolves false if it is not drawn.
   */
  async focus(id) {
    delete this.container.dataset.focused;
    if (!this.graph.hasNode(id)) return false;
    await this.layout.idle;
    if (!this.graph.hasNode(id)) return false;
    this.sigma.refresh();
    const display = this.sigma.getNodeDisplayData(id);
    if (!display) return false;
    const camera = this.sigma.getCamera();
    await camera.animate({ x: display.x, y: display.y, ratio: Math.min(camera.ratio, 0.6) }, { duration: 450 });
    this.container.dataset.focused = this.graph.getNodeAttribute(id, 'slug');
    return true;
  }

  /**
   * Highlights a path: `nodes` are stakeholder IDs in order, `edges` tie keys.
   * Everything else fades out. null clears.
   */
  showPath(path) {
    if (!path) {
      this.highlight.path = null;
      delete this.container.dataset.pathLength;
    } else {
      this.highlight.path = {
        nodes: new Set(path.nodes.filter((n) => this.graph.hasNode(n))),
        edges: new Set(path.edges.filter((e) => this.graph.hasEdge(e))),
      };
      this.container.dataset.pathLength = String(path.nodes.length - 1);
    }
    this.sigma.refresh({ skipIndexation: true });
  }

  /** The IDs of the nodes and edges the path highlight currently shows. */
  highlightedPath() {
    const p = this.highlight.path;
    return p ? { nodes: [...p.nodes], edges: [...p.edges] } : null;
  }

  reduceNode(node, data) {
    const res = { ...data };
    const { hovered, selected, neighbors, path } = this.highlight;
    if (path) {
      if (path.nodes.has(node)) {
        res.forceLabel = true;
        res.zIndex = 2;
        res.highlighted = true;
      } else {
        res.color = DIM_NODE;
        res.label = null;
        res.zIndex = 0;
      }
    } else if (selected) {
      if (node === selected) {
        res.forceLabel = true;
        res.highlighted = true;
        res.zIndex = 2;
      } else if (neighbors.has(node)) {
        // Name every neighbour of a small neighbourhood; in a big one the label grid picks.
        res.forceLabel = neighbors.size <= 25;
        res.zIndex = 1;
      } else {
        res.color = DIM_NODE;
        res.label = null;
        res.zIndex = 0;
      }
    }
    if (node === hovered) {
      res.label = data.name; // the full name on hover
      res.zIndex = 3;
    }
    return res;
  }

  reduceEdge(edge, data) {
    const res = { ...data };
    const { selected, path } = this.highlight;
    if (path) {
      if (path.edges.has(edge)) {
        res.color = PATH_EDGE;
        res.size = data.baseSize + 2.5;
        res.zIndex = 2;
      } else {
        res.color = DIM_EDGE;
        res.zIndex = 0;
      }
    } else if (selected) {
      if (this.graph.hasExtremity(edge, selected)) {
        res.color = data.fullColor;
        res.size = data.baseSize + 1;
        res.zIndex = 1;
      } else {
        res.color = DIM_EDGE;
        res.zIndex = 0;
      }
    }
    return res;
  }

  zoomIn() {
    this.sigma.getCamera().animatedZoom({ duration: 250 });
  }

  zoomOut() {
    this.sigma.getCamera().animatedUnzoom({ duration: 250 });
  }

  fit() {
    this.sigma.getCamera().animatedReset({ duration: 350 });
  }

  /** Redraws after the container changed size. */
  resize() {
    this.sigma.resize();
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Redraws labels once the web font has loaded. */
  refresh() {
    this.sigma.refresh({ skipIndexation: true });
  }

  /**
   * Renders the current drawing into a new 2D canvas on a white background,
   * with `decorate(ctx, width, height, ratio)` drawing titles and a legend on
   * top. WebGL layers do not keep their pixels between frames, so this
   * redraws synchronously and copies every layer within the same task.
   */
  snapshot(decorate) {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    this.sigma.refresh();
    const layers = this.sigma.getCanvases();
    for (const name of ['edges', 'nodes', 'edgeLabels', 'labels', 'hovers', 'hoverNodes']) {
      const layer = layers[name];
      if (layer) ctx.drawImage(layer, 0, 0, canvas.width, canvas.height);
    }
    if (decorate) decorate(ctx, canvas.width, canvas.height, ratio);
    return canvas;
  }
}

/** Hover: a white rounded box behind the full name, with a soft shadow. */
function drawHover(context, data, settings) {
  const size = settings.labelSize;
  context.font = `600 ${size}px ${settings.labelFont}`;
  const label = typeof data.label === 'string' ? data.label : '';
  const pad = 5;
  const textWidth = label ? context.measureText(label).width : 0;
  const r = Math.max(data.size, size / 2) + 3;
  const x = data.x - r;
  const y = data.y - Math.max(r, size / 2 + pad);
  const w = label ? 2 * r + textWidth + pad * 2 : 2 * r;
  const h = Math.max(2 * r, size + 2 * pad);
  context.save();
  context.shadowColor = 'rgba(16, 24, 40, 0.22)';
  context.shadowBlur = 10;
  context.shadowOffsetY = 2;
  context.fillStyle = '#ffffff';
  context.beginPath();
  context.roundRect(x, y, w, h, h / 2);
  context.fill();
  context.restore();
  if (label) {
    context.fillStyle = '#111827';
    context.textBaseline = 'middle';
    context.fillText(label, data.x + r + pad - 2, data.y + 0.5);
    context.textBaseline = 'alphabetic';
  }
}
