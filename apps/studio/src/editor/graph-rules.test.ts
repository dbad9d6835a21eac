import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode, NodeTypeInfo } from './flow-types';
import { candidateConnections, connectionProblem, createsCycle, outputHandles, upstreamOf } from './graph-rules';

/** As the catalog serves them (packages/nodes catalog/index.ts): the rules are data, not known to the studio. */
const ERROR_RULE = { field: 'onError', equals: 'errorBranch', handle: 'error' };
const type = (name: string, inputs: string[], outputs: string[], dynamicOutputs = false): NodeTypeInfo => ({
  type: name, title: name, description: '', category: 'test', icon: '', inputs, outputs, dynamicOutputs,
  outputsPerItem: dynamicOutputs ? { field: 'cases', prefix: 'case-' } : null, conditionalOutputs: [ERROR_RULE], configSchema: {},
});
const TYPES = new Map([
  ['trigger.manual', type('trigger.manual', [], ['out'])],
  ['transform', type('transform', ['in'], ['out'])],
  ['condition', type('condition', ['in'], ['true', 'false'])],
  ['switch', type('switch', ['in'], ['default'], true)],
]);
const node = (id: string, nodeType: string, data: Record<string, unknown> = {}): FlowNode => ({ id, type: nodeType, position: { x: 0, y: 0 }, data });
const edge = (source: string, target: string, sourceHandle = 'out'): FlowEdge => ({ id: `${source}-${target}`, source, target, sourceHandle, targetHandle: 'in' });

const nodes = new Map([node('t', 'trigger.manual'), node('a', 'transform'), node('b', 'transform'), node('c', 'condition')].map((n) => [n.id, n]));
const edges = [edge('t', 'a'), edge('a', 'b')];

describe('graph rules', () => {
  it('finds the cycle a new edge would close, including a self-loop', () => {
    expect(createsCycle(edges, 'b', 'a')).toBe(true);
    expect(createsCycle(edges, 'a', 'a')).toBe(true);
    expect(createsCycle(edges, 'a', 'c')).toBe(false);
  });

  it('refuses self-loops, cycles, missing handles and duplicates while a connection is dragged', () => {
    const check = (source: string, sourceHandle: string, target: string, targetHandle = 'in') =>
      connectionProblem({ source, sourceHandle, target, targetHandle }, nodes, edges, TYPES);
    expect(check('a', 'out', 'a')).toMatch(/itself/);
    expect(check('b', 'out', 'a')).toMatch(/cycle/);
    expect(check('c', 'maybe', 'b')).toMatch(/output handle/);
    expect(check('a', 'out', 'b', 'nope')).toMatch(/input handle/);
    expect(check('t', 'out', 'a')).toMatch(/already/);
    expect(check('c', 'true', 'b')).toBeUndefined();
  });

  it('offers a handle per switch case and an error handle for errorBranch', () => {
    expect(outputHandles(node('s', 'switch', { cases: ['x', 'y'] }), TYPES.get('switch'))).toEqual(['case-0', 'case-1', 'default']);
    expect(outputHandles(node('a', 'transform', { onError: 'errorBranch' }), TYPES.get('transform'))).toEqual(['out', 'error']);
    // Other rules served the same way are drawn the same way.
    const custom = { ...type('x', ['in'], ['done']), outputsPerItem: { field: 'routes', prefix: 'route-' }, conditionalOutputs: [{ field: 'mode', equals: 'strict', handle: 'rejected' }] };
    expect(outputHandles(node('x', 'x', { routes: [1, 2], mode: 'strict' }), custom)).toEqual(['route-0', 'route-1', 'done', 'rejected']);
    expect(outputHandles(node('x', 'x', { routes: 'no list' }), custom)).toEqual(['done']);
  });

  it('lists every node upstream of a node for its expression paths', () => {
    expect(upstreamOf(edges, 'b').sort()).toEqual(['a', 't']);
    expect(upstreamOf(edges, 't')).toEqual([]);
  });

  it('offers exactly the connections to and from a node that the drag rules accept', () => {
    const more = new Map([...nodes, ['d', node('d', 'transform')]]);
    const candidates = candidateConnections('a', more, edges, TYPES);
    const keys = candidates.map((c) => `${c.source}.${c.sourceHandle}->${c.target}.${c.targetHandle}`);
    expect(keys).toEqual(['a.out->c.in', 'a.out->d.in', 'c.true->a.in', 'c.false->a.in', 'd.out->a.in']);
    for (const c of candidates) expect(connectionProblem(c, more, edges, TYPES)).toBeUndefined();
    // Every pair the rules accept is offered (brute force over all handles).
    for (const other of more.values()) {
      for (const [source, target] of [['a', other.id], [other.id, 'a']] as const) {
        for (const sourceHandle of outputHandles(more.get(source)!, TYPES.get(more.get(source)!.type!))) {
          const accepted = connectionProblem({ source, sourceHandle, target, targetHandle: 'in' }, more, edges, TYPES) === undefined;
          expect(keys.includes(`${source}.${sourceHandle}->${target}.in`)).toBe(accepted);
        }
      }
    }
  });

  it('treats a stored edge without a handle name as its single output, so it is not offered twice', () => {
    const unnamed: FlowEdge[] = [{ id: 'x', source: 't', target: 'a', sourceHandle: null, targetHandle: null }];
    expect(candidateConnections('t', nodes, unnamed, TYPES).some((c) => c.target === 'a')).toBe(false);
  });
});
