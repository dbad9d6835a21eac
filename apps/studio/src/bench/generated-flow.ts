import type { FlowEdge, FlowNode, NodeTypeInfo } from '../editor/flow-types';

/** What the catalog serves every node type about its error handle. */
const OUTPUT_RULES = { outputsPerItem: null, conditionalOutputs: [{ field: 'onError', equals: 'errorBranch', handle: 'error' }] };

/** A catalog subset so the bench renders without a backend. */
export const BENCH_NODE_TYPES: NodeTypeInfo[] = [
  { type: 'trigger.manual', title: 'Manual trigger', description: '', category: 'trigger', icon: 'play', inputs: [], outputs: ['out'], dynamicOutputs: false, ...OUTPUT_RULES, configSchema: {} },
  { type: 'transform', title: 'Transform', description: '', category: 'data', icon: 'wand', inputs: ['in'], outputs: ['out'], dynamicOutputs: false, ...OUTPUT_RULES, configSchema: {} },
  { type: 'condition', title: 'Condition', description: '', category: 'logic', icon: 'split', inputs: ['in'], outputs: ['true', 'false'], dynamicOutputs: false, ...OUTPUT_RULES, configSchema: {} },
  { type: 'output', title: 'Output', description: '', category: 'flow', icon: 'flag', inputs: ['in'], outputs: ['out'], dynamicOutputs: false, ...OUTPUT_RULES, configSchema: {} },
];

const COLUMNS = 40;

/** `count` nodes in rows of 40, each row a chain: a stand-in for a very large flow. */
export function generatedFlow(count: number): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (let i = 0; i < count; i++) {
    const column = i % COLUMNS;
    const type = column === 0 ? 'trigger.manual' : column === COLUMNS - 1 ? 'output' : i % 7 === 0 ? 'condition' : 'transform';
    nodes.push({ id: `n${i}`, type, position: { x: column * 240, y: Math.floor(i / COLUMNS) * 120 }, data: { label: `${type} ${i}` } });
    if (column > 0) {
      const previous = nodes[i - 1]!;
      edges.push({ id: `e${i}`, source: previous.id, target: `n${i}`, sourceHandle: previous.type === 'condition' ? 'true' : 'out', targetHandle: 'in' });
    }
  }
  return { nodes, edges };
}
