import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';

const routing = flowOf(
  [
    trigger(),
    node('route', 'switch', { expression: '$input.kind', cases: ['order', 'refund', 3] }),
    node('order', 'transform', { expression: '"order"' }),
    node('refund', 'transform', { expression: '"refund"' }),
    node('three', 'transform', { expression: '"three"' }),
    node('other', 'transform', { expression: '"other"' }),
  ],
  [
    edge('route', 'order', 'case-0'),
    edge('route', 'refund', 'refund'),
    edge('route', 'three', '3'),
    edge('route', 'other', 'default'),
    edge('start', 'route'),
  ],
);

describe('switch', () => {
  it('takes the case-<i> handle of the matching case and skips the others', async () => {
    const result = await runFlow(routing, { kind: 'order' });
    expect(result.nodeRuns.route?.handle).toBe('case-0');
    expect(result.nodeRuns.order?.status).toBe('SUCCEEDED');
    expect(['refund', 'three', 'other'].map((id) => result.nodeRuns[id]?.status)).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED']);
  });

  it('accepts edges that name the case by its value', async () => {
    expect((await runFlow(routing, { kind: 'refund' })).output).toBe('refund');
    expect((await runFlow(routing, { kind: 3 })).output).toBe('three');
  });

  it('takes default when no case matches', async () => {
    const result = await runFlow(routing, { kind: 'unknown' });
    expect(result.nodeRuns.route?.handle).toBe('default');
    expect(result.output).toBe('other');
  });

  it('rejects an edge from a case that does not exist', () => {
    const flow = flowOf(routing.nodes, [...routing.edges, edge('route', 'other', 'case-9')]);
    expect(validateFlow(flow).problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_HANDLE', nodeId: 'route' }));
  });
});
