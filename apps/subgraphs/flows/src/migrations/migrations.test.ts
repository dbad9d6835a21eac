import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

describe('flows migrations', () => {
  it('leave PostgreSQL exactly as the entities describe it', async () => {
    expect(await kit.flows.subgraph.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
