import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode } from '../flow-types';
import type { RunView } from '../../run/run-state';
import { pathsOf } from './expression-scope';
import { expressionScopeOf } from './use-expression-scope';

const node = (id: string, pinnedData?: unknown): FlowNode => ({ id, type: 'transform', position: { x: 0, y: 0 }, data: {}, ...(pinnedData === undefined ? {} : { pinnedData }) });
const edge = (source: string, target: string): FlowEdge => ({ id: `${source}-${target}`, source, target });
const ran = (output: unknown, input?: unknown) => ({ state: 'SUCCEEDED' as const, attempt: 1, output, input, logs: [] });

describe('expression scope', () => {
  it('finds the paths inside data, looking through arrays and quoting odd keys', () => {
    expect(pathsOf('$input', { body: { items: [{ sku: 'a' }], 'x-id': 1 } })).toEqual(['$input.body', '$input.body.items', '$input.body.`x-id`', '$input.body.items.sku']);
    expect(pathsOf('$', 'text')).toEqual([]);
  });

  it("reads upstream outputs of the run on the canvas, $input from the trigger and $ from the node's recorded input", () => {
    const nodes = [node('start'), node('fetch'), node('here')];
    const edges = [edge('start', 'fetch'), edge('fetch', 'here')];
    const run: RunView = { executionId: 'e', status: 'SUCCEEDED', lastSeq: 3, nodes: { start: ran({ id: 7 }), fetch: ran({ status: 200 }), here: ran(1, { status: 200 }) } };
    const scope = expressionScopeOf('here', nodes, edges, run);
    expect(scope.source).toBe('run');
    expect(scope.data).toEqual({ root: { status: 200 }, input: { id: 7 }, nodes: { start: { id: 7 }, fetch: { status: 200 } } });
    expect(scope.paths).toEqual(expect.arrayContaining(['$input', '$input.id', '$nodes.fetch', '$nodes.fetch.status', '$.status']));
  });

  it('prefers pinned outputs, and keys the root by node id when several branches arrive', () => {
    const nodes = [node('a', { n: 1 }), node('b', { n: 2 }), node('m')];
    const scope = expressionScopeOf('m', nodes, [edge('a', 'm'), edge('b', 'm')], null);
    expect(scope.source).toBe('pinned');
    expect(scope.data.root).toEqual({ a: { n: 1 }, b: { n: 2 } });
  });

  it('is an empty input when nothing ran and nothing is pinned', () => {
    const scope = expressionScopeOf('b', [node('a'), node('b')], [edge('a', 'b')], null);
    expect(scope).toMatchObject({ source: 'none', data: { root: undefined, input: undefined, nodes: {} } });
    expect(scope.paths).toEqual(['$input', '$nodes.a']);
  });
});
