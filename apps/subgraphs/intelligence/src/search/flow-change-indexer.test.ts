import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFlowChange, flowChangesKey, routeOf, verifyCaller, type Caller, type FlowChange } from '@omnitron/server-kit';
import { testRedisUrl, TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { callerFor, newWorkspace, startIntelligence, testSettings, type IntelligenceHarness } from '../test-support/intelligence-harness';

/** A stand-in flows subgraph: answers `flow(id)` for signed callers of the flow's workspace. */
const stored = new Map<string, { workspaceId: string; name: string; description: string; tags: string[]; nodes: unknown[] }>();
const callers: Caller[] = [];
let flows: Server;
let app: IntelligenceHarness;
let redis: Redis;

beforeAll(async () => {
  flows = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as { variables: { id: string } };
    const caller = verifyCaller(TEST_SIGNING_KEY, routeOf(req.method ?? 'GET', req.url ?? '/'), req.headers, 30_000)!;
    callers.push(caller);
    const flow = stored.get(variables.id);
    const visible = flow && flow.workspaceId === caller.workspaceId ? { id: variables.id, ...flow } : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { flow: visible } }));
  });
  await new Promise<void>((resolve) => flows.listen(0, '127.0.0.1', resolve));
  const flowsUrl = `http://127.0.0.1:${(flows.address() as AddressInfo).port}/graphql`;
  app = await startIntelligence({ ...testSettings, SEARCH_FOLLOW_FLOW_CHANGES: true, FLOWS_URL: flowsUrl });
  redis = new Redis(testRedisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await app?.close();
  flows?.close();
});

async function announce(change: Omit<FlowChange, 'at' | 'version' | 'actorId'>): Promise<void> {
  const full = { ...change, version: 1, actorId: randomUUID(), at: new Date().toISOString() };
  await redis.xadd(flowChangesKey(app.subgraph.config.REDIS_PREFIX), '*', ...encodeFlowChange(full));
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

const SEARCH = `query($q: String!) { searchFlows(query: $q) { flow { id } ranking } }`;

describe('following the flows change stream', () => {
  it('indexes a saved flow and removes a deleted one, reading the flow as its workspace', async () => {
    const workspaceId = newWorkspace();
    const flowId = randomUUID();
    stored.set(flowId, { workspaceId, name: 'Nightly backup', description: 'Dumps the database to S3', tags: ['ops'], nodes: [{ id: 'q', type: 'database.query', data: { sql: 'select * from orders' } }] });
    await announce({ flowId, workspaceId, change: 'saved' });
    const search = () => app.gql(SEARCH, { q: 'backup orders' }, callerFor(workspaceId, 'viewer')).then((a) => a.data!.searchFlows as unknown[]);
    expect(await eventually(search, (hits) => hits.length > 0)).toEqual([{ flow: { id: flowId }, ranking: 'LEXICAL' }]);
    expect(callers.at(-1)).toMatchObject({ workspaceId, role: 'owner' });

    stored.delete(flowId);
    await announce({ flowId, workspaceId, change: 'deleted' });
    expect(await eventually(search, (hits) => hits.length === 0)).toEqual([]);
  });

  it('drops a flow the flows subgraph no longer shows', async () => {
    const workspaceId = newWorkspace();
    const flowId = randomUUID();
    await app.internal('/internal/search/index', { flowId, name: 'Ghost report' }, callerFor(workspaceId, 'editor'));
    await announce({ flowId, workspaceId, change: 'saved' });
    const search = () => app.gql(SEARCH, { q: 'ghost' }, callerFor(workspaceId, 'viewer')).then((a) => a.data!.searchFlows as unknown[]);
    expect(await eventually(search, (hits) => hits.length === 0)).toEqual([]);
  });
});
