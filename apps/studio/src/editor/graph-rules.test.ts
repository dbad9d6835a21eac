import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode, NodeTypeInfo } from './flow-types';
import { connectionProblem, createsCycle, outputHandles, upstreamOf } from './graph-rules';

const type = (name: string, inputs: string[], outputs: string[], dynamicOutputs = false): NodeTypeInfo => ({
  type: name, title: name, description: '', category: 'test', icon: '', inputs, outputs, dynamicOutputs, configSchema: {},
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
  });

  it('lists every node upstream of a node for its expression paths', () => {
    expect(upstreamOf(edges, 'b').sort()).toEqual(['a', 't']);
    expect(upstreamOf(edges, 't')).toEqual([]);
  });
});
