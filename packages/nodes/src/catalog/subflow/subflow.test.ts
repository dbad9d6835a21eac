import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import type { SubflowRequest } from '../../types';

describe('subflow', () => {
  it('runs the other flow with the input expression and outputs its output', async () => {
    const calls: SubflowRequest[] = [];
    const flow = flowOf(
      [trigger(), node('child', 'subflow', { flowId: 'flow-2', input: '{"n": $input.n + 1}' })],
      [edge('start', 'child')],
    );
    const result = await runFlow(flow, { n: 1 }, {
      services: {
        flows: {
          async runSubflow(req) {
            calls.push(req);
            return { doubled: (req.input as { n: number }).n * 2 };
          },
        },
      },
    });
    expect(calls).toEqual([{ flowId: 'flow-2', input: { n: 2 }, parentNodeId: 'child' }]);
    expect(result.output).toEqual({ doubled: 4 });
  });

  it('fails with SERVICE_UNAVAILABLE without a flows service', async () => {
    const flow = flowOf([trigger(), node('child', 'subflow', { flowId: 'f' })], [edge('start', 'child')]);
    expect((await runFlow(flow, {})).error?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
