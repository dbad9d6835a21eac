import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { flowOf, node } from '../../test-support/flow-builder';

describe('trigger.manual', () => {
  it('outputs the execution input', async () => {
    const result = await runFlow(flowOf([node('start', 'trigger.manual')], []), { hello: 'world' });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.start?.output).toEqual({ hello: 'world' });
    expect(result.output).toEqual({ hello: 'world' });
  });
});
