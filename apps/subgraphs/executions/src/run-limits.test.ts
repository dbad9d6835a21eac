import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';

const flowId = (n: number) => `d8000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the worker bounds user expressions and code as its settings say', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ EXPRESSION_MAX_STRING_LENGTH: '1000', CODE_TIMEOUT_MS: '200' });
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('fails a transform whose step makes a string over EXPRESSION_MAX_STRING_LENGTH with EXPRESSION_LIMIT, and runs one under it', async () => {
    h.putFlow(alice, flowId(1), chain(node('long', 'transform', { expression: '$pad("", 5000)' })));
    h.putFlow(alice, flowId(2), chain(node('short', 'transform', { expression: '$pad("", 500)' })));
    const over = await h.settled(alice, (await h.start(alice, flowId(1))).id, 30_000);
    const under = await h.settled(alice, (await h.start(alice, flowId(2))).id, 30_000);

    expect(over.status).toBe('FAILED');
    expect(nodeRunOf(over, 'long').error?.code).toBe('EXPRESSION_LIMIT');
    expect(under.status).toBe('SUCCEEDED');
    expect(nodeRunOf(under, 'short').output).toBe(' '.repeat(500));
  });

  it('stops a code node at CODE_TIMEOUT_MS, not the 1 s default', async () => {
    // Busy for 600 ms of wall time: within the default, past this worker's 200 ms.
    h.putFlow(alice, flowId(3), chain(node('spin', 'code', { code: 'const t = Date.now(); while (Date.now() - t < 600) {} return 1;' })));
    const run = await h.settled(alice, (await h.start(alice, flowId(3))).id, 30_000);

    expect(run.status).toBe('FAILED');
    expect(nodeRunOf(run, 'spin').error?.code).toMatch(/TIMEOUT/);
  });
});
