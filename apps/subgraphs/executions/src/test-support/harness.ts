import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signCaller, socketRoute, type BaseConfig, type Caller } from '@omnitron/server-kit';
import { startTestSubgraph, TEST_SIGNING_KEY, type TestSubgraph } from '@omnitron/server-kit/testing';
import type { FlowGraph } from '@omnitron/nodes';
import { HttpFlowsClient } from '../clients/flows-client';
import { createExecutionsSubgraph } from '../definition';
import type { ExecutionsRuntime } from '../runtime';
import { createRuntime } from '../runtime';
import { executionsSettingsSchema, type ExecutionsSettings } from '../settings';
import { ExecutionsWorker } from '../worker/executions-worker';
import { FakeFlowsServer } from './fake-flows-server';

export type SettingsOverrides = Partial<Record<keyof ExecutionsSettings, string>>;

/** Test settings: loopback HTTP allowed, short locks so a dead worker's run moves on quickly. */
export function testSettings(flowsUrl: string, overrides: SettingsOverrides = {}): ExecutionsSettings {
  return executionsSettingsSchema.parse({
    FLOWS_URL: flowsUrl,
    HTTP_ALLOW_PRIVATE_NETWORKS: 'true',
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    WEBHOOK_WAIT_MS: '10000',
    ...overrides,
  });
}

export interface NodeRunView {
  nodeId: string;
  status: string;
  attempts: number;
  output: unknown;
  outputTruncated: boolean;
  error: { code: string; message: string } | null;
  attemptErrors: Array<{ attempt: number; code: string; message: string }>;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface ExecutionView {
  id: string;
  status: string;
  output: unknown;
  outputTruncated: boolean;
  error: { code: string; message: string; nodeId: string | null } | null;
  durationMs: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  nodeRuns: NodeRunView[];
  logs: Array<{ seq: number; message: string }>;
}

/** A Relay page of executions as tests read it. */
export interface ExecutionPageView {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** The run of `nodeId` in an execution (throws when there is none, so tests read plainly). */
export function nodeRunOf(execution: ExecutionView, nodeId: string): NodeRunView {
  const run = execution.nodeRuns.find((r) => r.nodeId === nodeId);
  if (!run) throw new Error(`no node run for ${nodeId}: ${JSON.stringify(execution.nodeRuns.map((r) => r.nodeId))}`);
  return run;
}

export interface ExecutionEventMessage {
  seq: number;
  type: string;
  nodeId: string | null;
  data: unknown;
  execution: { id: string; status: string };
}

/**
 * The executions subgraph on a free port (real PostgreSQL and Redis, throwaway database and
 * prefix), a small real flows server, and in-process workers on demand.
 */
export class ExecutionsHarness {
  readonly flows = new FakeFlowsServer();
  private test!: TestSubgraph;
  private socket!: { close(): Promise<void> };
  private readonly workers: ExecutionsWorker[] = [];
  private readonly runtimes: ExecutionsRuntime[] = [];
  private readonly clients: Client[] = [];
  settings!: ExecutionsSettings;
  runtime!: ExecutionsRuntime;

  /**
   * `overrides.FLOWS_URL` points at a real flows subgraph instead of the small stand-in;
   * `config.REDIS_PREFIX` shares its Redis keys (its flow-change stream) with that subgraph.
   */
  static async start(overrides: SettingsOverrides = {}, config: Partial<BaseConfig> = {}): Promise<ExecutionsHarness> {
    const harness = new ExecutionsHarness();
    await harness.flows.start();
    harness.settings = testSettings(harness.flows.url, overrides);
    const executions = createExecutionsSubgraph({ settings: harness.settings });
    harness.test = await startTestSubgraph(executions.definition, { config });
    harness.runtime = executions.runtime();
    harness.socket = executions.attachSubscriptions(harness.test.subgraph);
    return harness;
  }

  get url(): string {
    return this.test.url;
  }

  get config() {
    return this.test.config;
  }

  /** Env for a worker child process sharing this harness's database and Redis prefix. */
  workerEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    const s = this.settings;
    return {
      ...process.env,
      DATABASE_URL: this.config.DATABASE_URL!,
      REDIS_URL: this.config.REDIS_URL,
      REDIS_PREFIX: this.config.REDIS_PREFIX,
      DATA_DIR: this.config.DATA_DIR,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      INTERNAL_SIGNING_KEY: TEST_SIGNING_KEY,
      FLOWS_URL: s.FLOWS_URL,
      HTTP_ALLOW_PRIVATE_NETWORKS: 'true',
      WORKER_LOCK_MS: String(s.WORKER_LOCK_MS),
      WORKER_STALLED_INTERVAL_MS: String(s.WORKER_STALLED_INTERVAL_MS),
      ...overrides,
    };
  }

  /** Starts an in-process worker with its own Redis connections (like another process would have). */
  async startWorker(): Promise<ExecutionsWorker> {
    const runtime = createRuntime({
      orm: this.test.subgraph.orm,
      config: this.config,
      settings: this.settings,
      signingKey: TEST_SIGNING_KEY,
      log: this.runtime.log,
      flows: new HttpFlowsClient(this.settings.FLOWS_URL, TEST_SIGNING_KEY),
    });
    const worker = new ExecutionsWorker(runtime);
    await worker.start();
    this.workers.push(worker);
    this.runtimes.push(runtime);
    return worker;
  }

  async stopWorker(worker: ExecutionsWorker): Promise<void> {
    await worker.close();
  }

  /** Stores a flow in the caller's workspace on the flows server. */
  putFlow(caller: Caller, flowId: string, graph: FlowGraph): void {
    this.flows.put(caller.workspaceId, flowId, graph);
  }

  request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, caller: Caller | null) {
    return this.test.request<T>(query, variables, caller);
  }

  async start(caller: Caller, flowId: string, input: unknown = null, idempotencyKey?: string): Promise<{ id: string; status: string }> {
    const result = await this.request<{ startExecution: { id: string; status: string } }>(
      `mutation ($flowId: ID!, $input: JSON, $key: String) { startExecution(flowId: $flowId, input: $input, idempotencyKey: $key) { id status } }`,
      { flowId, input, key: idempotencyKey },
      caller,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.startExecution;
  }

  /** cancelExecution as `caller`: the run's status after cancelling, or the error code. */
  async cancel(caller: Caller, id: string): Promise<{ status?: string; code?: unknown }> {
    const result = await this.request<{ cancelExecution: { status: string } }>(`mutation ($id: ID!) { cancelExecution(id: $id) { status } }`, { id }, caller);
    return result.data ? { status: result.data.cancelExecution.status } : { code: result.errors?.[0]?.extensions.code };
  }

  /** syncFlowTriggers as `caller`. */
  sync(caller: Caller, flowId: string) {
    return this.request<{ syncFlowTriggers: { webhooks: string[]; schedules: string[] } }>(
      `mutation ($id: ID!) { syncFlowTriggers(flowId: $id) { webhooks schedules } }`,
      { id: flowId },
      caller,
    );
  }

  /** Execution ids of one page of `executions(...)`. */
  async executionIds(caller: Caller, filter: { flowId?: string; first?: number; after?: string | null } = {}): Promise<{ ids: string[]; page: ExecutionPageView }> {
    const result = await this.request<{ executions: ExecutionPageView }>(
      `query ($flowId: ID, $first: Int, $after: String) { executions(flowId: $flowId, first: $first, after: $after) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`,
      { first: 100, ...filter },
      caller,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return { ids: result.data.executions.edges.map((e) => e.node.id), page: result.data.executions };
  }

  async execution(caller: Caller, id: string): Promise<ExecutionView | null> {
    const result = await this.request<{ execution: ExecutionView | null }>(
      `query ($id: ID!) { execution(id: $id) { id status output outputTruncated error { code message nodeId } durationMs startedAt finishedAt
         nodeRuns { nodeId status attempts output outputTruncated error { code message } attemptErrors { attempt code message } startedAt finishedAt durationMs } logs { seq message } } }`,
      { id },
      caller,
    );
    return result.data?.execution ?? null;
  }

  /** Polls until the execution is terminal. */
  async settled(caller: Caller, id: string, timeoutMs = 15_000): Promise<ExecutionView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const execution = await this.execution(caller, id);
      if (execution && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(execution.status)) return execution;
      if (Date.now() > deadline) throw new Error(`execution ${id} not settled: ${JSON.stringify(execution)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A graphql-ws client connected as the gateway would, signed as `caller`. */
  wsClient(caller: Caller | null, signingKey = TEST_SIGNING_KEY): Client {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: () => ({ headers: signCaller(signingKey, socketRoute(this.url), caller) }),
      retryAttempts: 0,
      lazy: true,
    });
    this.clients.push(client);
    return client;
  }

  /** Collects every event of a subscription until it completes (or errors). */
  events(caller: Caller, executionId: string, afterSeq?: number): Promise<{ events: ExecutionEventMessage[]; errors: unknown[] }> {
    const client = this.wsClient(caller);
    const events: ExecutionEventMessage[] = [];
    const errors: unknown[] = [];
    return new Promise((resolve) => {
      client.subscribe<{ executionEvents: ExecutionEventMessage }>(
        {
          query: `subscription ($id: ID!, $after: Int) { executionEvents(executionId: $id, afterSeq: $after) { seq type nodeId data execution { id status } } }`,
          variables: { id: executionId, after: afterSeq },
        },
        {
          next: (message) => {
            if (message.errors) errors.push(...message.errors);
            if (message.data) events.push(message.data.executionEvents);
          },
          error: (error) => {
            errors.push(error);
            resolve({ events, errors });
          },
          complete: () => resolve({ events, errors }),
        },
      );
    });
  }

  /** Removes every key under this run's prefix (never FLUSHALL: the server is shared). */
  private async dropRedisKeys(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.runtime.redis.scan(cursor, 'MATCH', `${this.config.REDIS_PREFIX}:*`, 'COUNT', 500);
      if (keys.length > 0) await this.runtime.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.dispose();
    for (const worker of this.workers) await worker.close().catch(() => undefined);
    for (const runtime of this.runtimes) await runtime.close().catch(() => undefined);
    await this.socket.close();
    await this.runtime.queue.obliterate({ force: true }).catch(() => undefined);
    await this.dropRedisKeys();
    await this.test.close();
    await this.flows.close();
  }
}
