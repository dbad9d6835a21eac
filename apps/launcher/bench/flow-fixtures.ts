/** Flow JSON in React Flow's shape, as the studio saves it. */
export interface FlowDocument {
  readonly name: string;
  readonly description: string;
  readonly tags: string[];
  readonly nodes: Array<{ id: string; type: string; position: { x: number; y: number }; data: Record<string, unknown> }>;
  readonly edges: Array<{ id: string; source: string; target: string; sourceHandle?: string }>;
}

const node = (id: string, type: string, x: number, data: Record<string, unknown> = {}) => ({ id, type, position: { x, y: 0 }, data });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/** trigger.manual -> transform ($input.n * 2) -> condition ($nodes.x > 10) -true-> output. */
export function fourNodeFlow(name = 'bench four nodes'): FlowDocument {
  return {
    name,
    description: 'issue 6 benchmark flow',
    tags: ['bench'],
    nodes: [
      node('start', 'trigger.manual', 0),
      node('x', 'transform', 200, { expression: '$input.n * 2' }),
      node('big', 'condition', 400, { expression: '$nodes.x > 10' }),
      node('out', 'output', 600),
    ],
    edges: [edge('start', 'x'), edge('x', 'big'), edge('big', 'out', 'true')],
  };
}

/** trigger.webhook (respond: end) -> transform -> output: a synchronous API endpoint. */
export function webhookFlow(path: string): FlowDocument {
  return {
    name: `bench webhook ${path}`,
    description: 'webhook benchmark flow',
    tags: ['bench'],
    nodes: [
      node('hook', 'trigger.webhook', 0, { path, respond: 'end' }),
      node('double', 'transform', 200, { expression: '{ "n": $input.body.n * 2 }' }),
      node('out', 'output', 400, { expression: '$nodes.double' }),
    ],
    edges: [edge('hook', 'double'), edge('double', 'out')],
  };
}

/** A chain of `size` nodes: trigger.manual, transforms, output. */
export function chainFlow(size: number, name = `bench chain ${size}`): FlowDocument {
  const ids = Array.from({ length: size }, (_, i) => `n${i}`);
  return {
    name,
    description: `${size} nodes in a row`,
    tags: ['bench'],
    nodes: ids.map((id, i) =>
      i === 0 ? node(id, 'trigger.manual', 0) : i === size - 1 ? node(id, 'output', i * 200) : node(id, 'transform', i * 200, { expression: `$input.n + ${i}` }),
    ),
    edges: ids.slice(1).map((id, i) => edge(ids[i]!, id)),
  };
}
