// The ForceAtlas2 web worker. It receives the layout matrices the main
// thread built with graphology-layout-forceatlas2's helpers, runs a bounded
// number of iterations in slices of about 25 ms, and after each slice posts
// the node positions back (x, y pairs, in the graph's node order) so the
// drawing settles visibly without ever blocking the page.
//
// Messages in:  {type: 'start', run, nodes: Float32Array, edges: Float32Array, settings, iterations}
//               {type: 'stop'}
// Messages out: {run, positions: Float32Array, done: boolean}

import iterate from 'graphology-layout-forceatlas2/iterate.js';

const PPN = 10; // floats per node in the node matrix (x, y, dx, dy, ...)
const SLICE_MS = 25;

let current = 0; // the run in progress; a newer start or a stop cancels older runs

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'stop') {
    current = 0;
    return;
  }
  if (msg.type !== 'start') return;
  current = msg.run;
  const { run, nodes, edges, settings, iterations } = msg;
  let done = 0;

  const step = () => {
    if (current !== run) return;
    const started = performance.now();
    while (done < iterations && performance.now() - started < SLICE_MS) {
      iterate(settings, nodes, edges);
      done++;
    }
    const count = nodes.length / PPN;
    const positions = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      positions[2 * i] = nodes[i * PPN];
      positions[2 * i + 1] = nodes[i * PPN + 1];
    }
    const finished = done >= iterations;
    self.postMessage({ run, positions, done: finished }, [positions.buffer]);
    if (!finished) setTimeout(step, 0);
  };
  step();
};
