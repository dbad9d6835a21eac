import type { FlowEdge, FlowNode } from './flow-types';

const DEFAULT_SIZE = { width: 200, height: 80 };

let elk: Promise<import('elkjs/lib/elk-api').ELK> | undefined;

/** elkjs in a Web Worker, started on first use: the layout never blocks the canvas, nor weighs on the editor chunk. */
function layoutEngine() {
  elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([{ default: ELK }, { default: workerUrl }]) => new ELK({ workerUrl }),
  );
  return elk;
}

/** Left-to-right layered layout of the flow. */
export async function autoLayout(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<FlowNode[]> {
  const engine = await layoutEngine();
  const graph = await engine.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? DEFAULT_SIZE.width, height: n.measured?.height ?? DEFAULT_SIZE.height })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map(graph.children?.map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
}
