import { describe, expect, it } from 'vitest';
import { pinnableOutputs } from './debug-pins';

describe('pinning a past run in the editor', () => {
  it("pins succeeded nodes' whole outputs only: not a failure, a skip, a stored preview or one over the limit", () => {
    const outputs = pinnableOutputs([
      { nodeId: 'start', status: 'SUCCEEDED', output: { n: 1 } },
      { nodeId: 'fetch', status: 'SUCCEEDED', output: { status: 200, body: [1] } },
      { nodeId: 'cut', status: 'SUCCEEDED', output: { $truncated: true, bytes: 900_000, preview: '{' } },
      { nodeId: 'huge', status: 'SUCCEEDED', output: 'x'.repeat(300_000) },
      { nodeId: 'bad', status: 'FAILED', output: null },
      { nodeId: 'skipped', status: 'SKIPPED' },
    ]);
    expect(outputs).toEqual({ start: { n: 1 }, fetch: { status: 200, body: [1] } });
  });
});
