import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionCloseCode } from './close-codes';
import { clientFor, collect, startFixtureGateway, tokenFor, type FixtureGateway } from './testing/gateway-harness';

const EVENTS = 'subscription($id: ID!) { executionEvents(executionId: $id) { seq } }';
let env: FixtureGateway;

beforeAll(async () => {
  env = await startFixtureGateway({ recheckCredentialsEveryMs: 0 }, { GATEWAY_REQUESTS_PER_MINUTE: '3' });
});
afterAll(() => env?.close());

describe('request budget over graphql-ws', () => {
  it('spends one request per connection and per operation: RATE_LIMITED, then 4429 on connect', async () => {
    const caller = { userId: randomUUID(), workspaceId: randomUUID() };
    const id = randomUUID();
    env.runs.createExecution(id, caller.workspaceId, randomUUID());
    const token = await tokenFor(caller);
    const client = clientFor(env.url, token);
    const first = collect(client, EVENTS, { id });
    const second = collect(client, EVENTS, { id });
    const third = collect(client, EVENTS, { id });
    const { error } = await third.ended;
    expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }) })]);
    first.unsubscribe();
    second.unsubscribe();
    await client.dispose();
    const refused = clientFor(env.url, token);
    const { error: closed } = await collect(refused, EVENTS, { id }).ended;
    expect(closed).toMatchObject({ code: SubscriptionCloseCode.TooManyRequests });
    await refused.dispose();
  });
});
