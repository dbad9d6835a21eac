import { describe, expect, it } from 'vitest';
import { edge, flowOf, node, trigger } from '../test-support/flow-builder';
import { validateFlow } from './validate-flow';

const codes = (flow: unknown, options?: { maxNodes?: number }) => validateFlow(flow, options).problems.map((problem) => problem.code);

describe('validateFlow', () => {
  it('accepts a well-formed flow', () => {
    const flow = flowOf([trigger(), node('a', 'transform', { expression: '1' })], [edge('start', 'a')]);
    expect(validateFlow(flow)).toEqual({ valid: true, problems: [] });
  });

  it.each([null, 42, 'flow', [], { nodes: 'x', edges: [] }, { edges: [] }])('rejects a document that is not a flow: %j', (flow) => {
    expect(validateFlow(flow)).toMatchObject({ valid: false, problems: [{ code: 'INVALID_SHAPE' }] });
  });

  it('reports malformed nodes and edges by position and keeps checking the rest', () => {
    const result = validateFlow({
      nodes: [trigger(), 5, { id: '', type: 'x' }, { id: 'd', type: 'transform', data: [1] }, { id: 'e', data: {} }],
      edges: [{ id: 'e1', source: 'start' }, 'edge', { id: 'e3', source: 'start', target: 'zzz' }],
    });
    expect(result.valid).toBe(false);
    const messages = result.problems.map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'nodes[1] must be an object, got number',
        'nodes[2].id must be a non-empty string, got string',
        'Node "d": data must be an object, got array',
        'Node "e": type must be a non-empty string, got undefined',
        'Edge "e1": source and target must be node id strings',
        'edges[1] must be an object, got string',
        'Edge "e3" points to missing node "zzz"',
      ]),
    );
  });

  it('reports every problem at once', () => {
    const flow = flowOf(
      [
        node('a', 'transform', { expression: '1' }),
        node('a', 'transform', { expression: '2' }),
        node('b', 'mystery'),
        node('c', 'http.request', { method: 'FETCH' }),
        node('d', 'transform', { expression: '$$$ (' }),
        node('e', 'condition', { expression: 'true' }),
        node('f', 'transform', { expression: '1' }),
      ],
      [edge('a', 'zzz'), edge('e', 'f', 'maybe'), edge('a', 'd'), { ...edge('a', 'd'), target: 'f' }],
    );
    expect(new Set(codes(flow))).toEqual(
      new Set(['DUPLICATE_ID', 'UNKNOWN_NODE_TYPE', 'INVALID_CONFIG', 'INVALID_EXPRESSION', 'DANGLING_EDGE', 'UNKNOWN_HANDLE', 'NO_TRIGGER']),
    );
  });

  it('names the field in config problems', () => {
    const result = validateFlow(flowOf([trigger(), node('c', 'http.request', { method: 'FETCH', retry: { maxAttempts: 0 } })], [edge('start', 'c')]));
    const messages = result.problems.map((problem) => problem.message).join('\n');
    expect(messages).toContain('Node "c" (http.request): url:');
    expect(messages).toContain('method:');
    expect(messages).toContain('retry.maxAttempts:');
  });

  it('names the nodes of a cycle', () => {
    const flow = flowOf(
      [trigger(), node('a', 'transform', { expression: '1' }), node('b', 'transform', { expression: '1' }), node('c', 'transform', { expression: '1' }), node('after', 'transform', { expression: '1' })],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'after')],
    );
    const cycles = validateFlow(flow).problems.filter((problem) => problem.code === 'CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.message).toMatch(/"a"/);
    expect(cycles[0]?.message).toMatch(/"b"/);
    expect(cycles[0]?.message).toMatch(/"c"/);
    expect(cycles[0]?.message).not.toMatch(/"after"|"start"/);
  });

  it('treats a self-loop as a cycle', () => {
    const flow = flowOf([trigger(), node('a', 'transform', { expression: '1' })], [edge('start', 'a'), edge('a', 'a')]);
    expect(codes(flow)).toContain('CYCLE');
  });

  it('requires a trigger', () => {
    expect(codes(flowOf([node('a', 'transform', { expression: '1' })], []))).toEqual(['NO_TRIGGER']);
  });

  it('warns about unreachable nodes without failing', () => {
    const result = validateFlow(flowOf([trigger(), node('lost', 'transform', { expression: '1' })], []));
    expect(result).toEqual({
      valid: true,
      problems: [expect.objectContaining({ code: 'UNREACHABLE_NODE', nodeId: 'lost', severity: 'warning' })],
    });
  });

  it('reports only the invalid node, not the nodes behind it as unreachable', () => {
    const flow = flowOf(
      [trigger(), node('broken', 'transform', {}), node('next', 'transform', { expression: '1' }), node('result', 'output')],
      [edge('start', 'broken'), edge('broken', 'next'), edge('next', 'result')],
    );
    expect(validateFlow(flow).problems.map((problem) => [problem.code, problem.nodeId])).toEqual([['INVALID_CONFIG', 'broken']]);
  });

  it('reports only the bad edge, not the node it enters as unreachable', () => {
    const flow = flowOf(
      [trigger(), node('c', 'condition', { expression: 'true' }), node('result', 'output')],
      [edge('start', 'c'), edge('c', 'result', 'maybe')],
    );
    expect(codes(flow)).toEqual(['UNKNOWN_HANDLE']);
  });

  it('counts a trigger whose config is invalid as a trigger: the nodes it starts are not unreachable', () => {
    const flow = flowOf([node('hook', 'trigger.webhook', { path: 42 }), node('next', 'transform', { expression: '1' })], [edge('hook', 'next')]);
    expect(codes(flow)).toEqual(['INVALID_CONFIG']);
  });

  it('refuses an edge out of an output node, which has no outgoing handle', () => {
    const flow = flowOf(
      [trigger(), node('result', 'output'), node('after', 'transform', { expression: '1' })],
      [edge('start', 'result'), edge('result', 'after')],
    );
    expect(validateFlow(flow).problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_HANDLE', edgeId: 'result->after', nodeId: 'result' })]);
  });

  it('refuses edges into triggers and unknown handles', () => {
    const flow = flowOf(
      [trigger(), trigger('second'), node('c', 'condition', { expression: 'true' }), node('x', 'transform', { expression: '1' })],
      [edge('start', 'second'), edge('start', 'c'), edge('c', 'x')],
    );
    const problems = validateFlow(flow).problems.filter((problem) => problem.code === 'UNKNOWN_HANDLE');
    expect(problems.map((problem) => problem.edgeId)).toEqual(['start->second', 'c->x']);
    expect(problems[1]?.message).toContain('true, false');
  });

  it('accepts the error handle only on nodes routing errors to it', () => {
    const ok = flowOf([trigger(), node('a', 'transform', { expression: '1', onError: 'errorBranch' }), node('b', 'merge')], [edge('start', 'a'), edge('a', 'b', 'error')]);
    expect(validateFlow(ok).valid).toBe(true);
    const bad = flowOf(ok.nodes.map((n) => (n.id === 'a' ? node('a', 'transform', { expression: '1' }) : n)), ok.edges);
    expect(codes(bad)).toContain('UNKNOWN_HANDLE');
  });

  it('refuses flows over maxNodes with PAYLOAD_TOO_LARGE', () => {
    const nodes = Array.from({ length: 11 }, (_, index) => node(`n${index}`, 'trigger.manual'));
    expect(codes(flowOf(nodes, []), { maxNodes: 10 })).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(validateFlow(flowOf(nodes, [])).valid).toBe(true);
  });
});
