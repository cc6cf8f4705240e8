// Runs ForceAtlas2 on the drawn graph in a web worker (layout-worker.js),
// for a bounded number of iterations, and writes the positions back into the
// graph as they arrive, so sigma redraws the network settling into place.
// Without worker support it runs a shorter layout on the main thread.

import forceAtlas2 from 'graphology-layout-forceatlas2';
import helpers from 'graphology-layout-forceatlas2/helpers.js';
import DEFAULT_SETTINGS from 'graphology-layout-forceatlas2/defaults.js';

/** How many iterations a graph of `order` nodes gets: fewer as it grows. */
export function iterationsFor(order, warm) {
  const base = order <= 200 ? 700 : order <= 1000 ? 400 : order <= 4000 ? 300 : 150;
  // A warm start (most nodes kept their places after a filter change) only needs to settle.
  return warm ? Math.ceil(base / 3) : base;
}

/**
 * ForceAtlas2 settings for a graph: the library's inferred ones, slightly
 * tuned for readability, over its defaults (the worker's raw iteration
 * function needs every setting).
 */
export function settingsFor(graph) {
  const settings = { ...DEFAULT_SETTINGS, ...forceAtlas2.inferSettings(graph) };
  if (graph.order <= 500) {
    // Small networks are read node by node: keep discs apart so labels fit.
    settings.adjustSizes = !settings.barnesHutOptimize;
    settings.scalingRatio = 18;
    settings.gravity = 0.6;
  }
  // Large ones keep the inferred settings: strong gravity holds isolated stakeholders near the
  // rest (plain gravity lets them drift off and shrinks the network to a dot), and the LinLog
  // model, which separates clusters better in theory, does not settle within the iterations
  // given here (measured on a generated network of 3,000 stakeholders and 12,000 ties).
  return settings;
}

export class LayoutRunner {
  /**
   * @param {string|null} workerURL the layout worker script, or null to run on the main thread
   * @param {(running: boolean) => void} onState told when a run starts and ends
   */
  constructor(workerURL, onState) {
    this.onState = onState;
    this.run = 0;
    this.graph = null;
    this.resolveIdle = null;
    this.idle = Promise.resolve();
    this.worker = null;
    if (workerURL && typeof Worker !== 'undefined') {
      try {
        this.worker = new Worker(workerURL, { name: 'forceatlas2' });
        this.worker.onmessage = (e) => this.receive(e.data);
        this.worker.onerror = (e) => {
          // A worker that failed to load: lay out on the main thread from now on.
          e.preventDefault();
          console.warn('explorer: layout worker failed, running the layout on the main thread');
          this.worker = null;
          if (this.graph && this.resolveIdle) this.runHere(this.graph, this.pending);
        };
      } catch {
        this.worker = null;
      }
    }
  }

  /** Starts laying out `graph` (stopping any run in progress); resolves when done. */
  start(graph, { warm = false } = {}) {
    this.stop();
    this.graph = graph;
    this.run++;
    this.idle = new Promise((resolve) => (this.resolveIdle = resolve));
    if (graph.order === 0) {
      this.finish();
      return this.idle;
    }
    const iterations = iterationsFor(graph.order, warm);
    this.pending = { iterations, settings: settingsFor(graph) };
    this.onState(true);
    if (this.worker) {
      const { nodes, edges } = helpers.graphToByteArrays(graph, () => 1);
      this.worker.postMessage(
        { type: 'start', run: this.run, nodes, edges, settings: this.pending.settings, iterations },
        [nodes.buffer, edges.buffer],
      );
    } else {
      // Let the page paint the initial positions first.
      setTimeout(() => this.runHere(graph, this.pending), 0);
    }
    return this.idle;
  }

  /** Stops the run in progress, keeping the positions reached so far. */
  stop() {
    if (!this.resolveIdle) return;
    if (this.worker) this.worker.postMessage({ type: 'stop' });
    this.finish();
  }

  receive({ run, positions, done }) {
    if (run !== this.run || !this.graph || !this.resolveIdle) return;
    let i = 0;
    this.graph.updateEachNodeAttributes(
      (_, attr) => {
        attr.x = positions[i++];
        attr.y = positions[i++];
        return attr;
      },
      { attributes: ['x', 'y'] },
    );
    if (done) this.finish();
  }

  runHere(graph, { iterations, settings }) {
    forceAtlas2.assign(graph, { iterations: Math.min(iterations, 200), settings });
    this.finish();
  }

  finish() {
    const resolve = this.resolveIdle;
    this.resolveIdle = null;
    this.onState(false);
    if (resolve) resolve();
  }
}
