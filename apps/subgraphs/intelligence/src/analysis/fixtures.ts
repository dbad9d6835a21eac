/** Flow JSON fixtures with known analysis answers (React Flow shape, as the studio saves it). */
type Data = Record<string, unknown>;
export const n = (id: string, type: string, data: Data = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
export const e = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

/**
 * start -> a -> b -> c -> out   (three GETs in a row, none reads another: parallelisable)
 */
export const sequentialHttpFlow = {
  nodes: [
    n('start', 'trigger.manual'),
    n('a', 'http.request', { method: 'GET', url: 'https://api.example.com/users' }),
    n('b', 'http.request', { method: 'GET', url: 'https://api.example.com/orders' }),
    n('c', 'http.request', { method: 'GET', url: 'https://api.example.com/stock', retry: { maxAttempts: 3 } }),
    n('out', 'output', { expression: '{ "users": $nodes.a.body, "orders": $nodes.b.body, "stock": $nodes.c.body }' }),
  ],
  edges: [e('start', 'a'), e('a', 'b'), e('b', 'c'), e('c', 'out')],
};

/**
 *            +-> fetch -> summarise --+
 * start -----+                        +-> merge -> out
 *            +-> lookup --------------+
 *  orphan -> orphanNext            (no trigger leads here)
 *  start -> dupA, start -> dupB    (same transform twice, outputs unused)
 *  start -> notify                 (POST: a side effect, not an unused output)
 */
export const branchyFlow = {
  nodes: [
    n('start', 'trigger.webhook', { path: 'in' }),
    n('fetch', 'http.request', { method: 'GET', url: '{{ $input.body.url }}', retry: { maxAttempts: 2 } }),
    n('summarise', 'ai.generate', { taskType: 'summarisation', prompt: 'Summarize {{ $nodes["fetch"].body }}' }),
    n('lookup', 'database.query', { connection: 'main', sql: 'select * from users where id = $1' }),
    n('merge', 'merge'),
    n('out', 'output'),
    n('orphan', 'transform', { expression: '$input' }),
    n('orphanNext', 'transform', { expression: '$nodes.orphan' }),
    n('dupA', 'transform', { expression: '$input.body.total * 2', label: 'Double' }),
    n('dupB', 'transform', { label: 'Twice', expression: '$input.body.total * 2' }),
    n('notify', 'http.request', { method: 'POST', url: 'https://hooks.example.com', retry: { maxAttempts: 3 } }),
  ],
  edges: [
    e('start', 'fetch'), e('fetch', 'summarise'), e('summarise', 'merge'),
    e('start', 'lookup'), e('lookup', 'merge'), e('merge', 'out'),
    e('orphan', 'orphanNext'),
    e('start', 'dupA'), e('start', 'dupB'), e('start', 'notify'),
  ],
};

/** a -> b -> c -> a, plus start -> a: the loop never settles. */
export const cyclicFlow = {
  nodes: [n('start', 'trigger.manual'), n('a', 'transform', { expression: '1' }), n('b', 'transform', { expression: '2' }), n('c', 'transform', { expression: '3' })],
  edges: [e('start', 'a'), e('a', 'b'), e('b', 'c'), e('c', 'a')],
};

/** A layered DAG of `width * layers` nodes (plus a trigger), each node fed by two of the previous layer. */
export function largeFlow(layers: number, width: number) {
  const nodes = [n('start', 'trigger.manual')];
  const edges = [];
  for (let l = 0; l < layers; l++) {
    for (let w = 0; w < width; w++) {
      const id = `n${l}_${w}`;
      nodes.push(n(id, l % 3 === 0 ? 'http.request' : 'transform', { expression: `$nodes.n${Math.max(0, l - 1)}_${w}.value + ${w}`, url: `https://x/${l}/${w}` }));
      if (l === 0) edges.push(e('start', id));
      else {
        edges.push(e(`n${l - 1}_${w}`, id));
        edges.push(e(`n${l - 1}_${(w + 1) % width}`, id));
      }
    }
  }
  return { nodes, edges };
}
