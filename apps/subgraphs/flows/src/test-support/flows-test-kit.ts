import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { flowChangesKey, type BaseConfig, type Caller, type Role, type Scope } from '@omnitron/server-kit';
import { startTestSubgraph, testRedisUrl, type TestSubgraph } from '@omnitron/server-kit/testing';
import { createFlowsSubgraph } from '../definition';
import { loadFlowsSettings, type FlowsSettings } from '../settings';

/** A signed-in caller of a workspace (`scopes` set = an API key). */
export function callerOf(workspaceId: string, role: Role = 'editor', scopes: Scope[] | null = null): Caller {
  return { userId: randomUUID(), workspaceId, role, scopes };
}

export interface FlowsTestKit {
  readonly flows: TestSubgraph;
  /** Runs an operation and fails the test on any GraphQL error. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller | null): Promise<T>;
  /** Runs an operation expected to fail; returns its first error. */
  fails(query: string, variables: Record<string, unknown> | undefined, caller: Caller | null): Promise<{ message: string; extensions: Record<string, any> }>;
}

export async function startFlows(options: {
  settings?: Partial<FlowsSettings>;
  config?: Partial<BaseConfig>;
  onQuery?: (sql: string) => void;
} = {}): Promise<FlowsTestKit> {
  // Alone, flows leaves trigger registration to the stream unless a test names an executions URL.
  const settings = { ...loadFlowsSettings({}), executionsUrl: null, identityUrl: null, ...options.settings };
  const started = await startTestSubgraph(createFlowsSubgraph(settings), { config: options.config, onQuery: options.onQuery });
  // Closing also drops this run's flow-change stream (the only Redis key the subgraph writes).
  const flows: TestSubgraph = { ...started, close: () => started.close().then(() => dropFlowChanges(started.config.REDIS_PREFIX)) };
  return {
    flows,
    ok: async (query, variables, caller = null) => {
      const result = await flows.request(query, variables, caller);
      if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
      return result.data as never;
    },
    fails: async (query, variables, caller) => {
      const result = await flows.request(query, variables, caller);
      if (!result.errors?.[0]) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
      return result.errors[0] as never;
    },
  };
}

/** Deletes the flow-change stream a test run wrote under its own prefix. */
export async function dropFlowChanges(redisPrefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    await redis.del(flowChangesKey(redisPrefix));
  } finally {
    redis.disconnect();
  }
}

/** trigger → transform → output, valid against the catalog. */
export function smallFlow(prefix = '') {
  return {
    nodes: [
      { id: `${prefix}start`, type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
      { id: `${prefix}shape`, type: 'transform', position: { x: 200, y: 0 }, data: { expression: '$input' } },
      { id: `${prefix}end`, type: 'output', position: { x: 400, y: 0 }, data: {} },
    ],
    edges: [
      { id: `${prefix}e1`, source: `${prefix}start`, target: `${prefix}shape` },
      { id: `${prefix}e2`, source: `${prefix}shape`, target: `${prefix}end` },
    ],
  };
}

/** A valid chain of `count` nodes: a trigger, `count - 2` transforms, an output. */
export function chainFlow(count: number) {
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: i === 0 ? 'trigger.manual' : i === count - 1 ? 'output' : 'transform',
    position: { x: i * 10, y: 0 },
    data: i === 0 || i === count - 1 ? {} : { expression: '$' },
  }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${i}`, target: node.id }));
  return { nodes, edges };
}

export const FLOW_FIELDS = 'id name description tags nodes edges version valid problems { nodeId edgeId code message severity } createdAt updatedAt';
