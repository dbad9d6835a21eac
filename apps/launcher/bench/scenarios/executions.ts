import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { fourNodeFlow } from '../flow-fixtures';
import type { GatewayClient } from '../gateway-client';
import { runClients, withTimeout, type LoadResult } from '../load';
import type { CpuMeter } from '../process-cpu';

const START = 'mutation ($flowId: ID!, $input: JSON) { startExecution(flowId: $flowId, input: $input) { id status } }';
const STATUS = 'query ($id: ID!) { execution(id: $id) { status } }';
const EVENTS = 'subscription ($id: ID!, $after: Int) { executionEvents(executionId: $id, afterSeq: $after) { seq type } }';
const TERMINAL = new Set(['EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTION_CANCELLED']);
const RUN_TIMEOUT_MS = 60_000;

/** How a client learns that its run finished. */
export type WaitMode = 'subscription' | 'polling';

export interface ExecutionsOptions {
  readonly clients: number;
  readonly runs: number;
  readonly warmupRuns: number;
  readonly maxMs: number;
  readonly meter?: CpuMeter;
}

export interface ExecutionsResult extends LoadResult {
  readonly mode: WaitMode;
  /** Why the subscription was not used, when it was not. */
  readonly fallbackReason?: string;
  /** Subscriptions resumed with afterSeq after a retryable error (measured runs only). */
  readonly resumes: number;
  readonly resumeReason?: string;
}

const MAX_RESUMES = 3;

interface StreamOutcome {
  readonly type: string;
  readonly lastSeq: number;
  readonly retryable?: string;
}

/** One subscription attempt: ends at the terminal event, or with a retryable error to resume from. */
function followEvents(ws: Client, executionId: string, afterSeq: number): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    let type = '';
    let lastSeq = afterSeq;
    const stop = ws.subscribe<{ executionEvents: { seq: number; type: string } }>(
      { query: EVENTS, variables: { id: executionId, after: afterSeq } },
      {
        next: (message) => {
          if (message.errors?.length) return reject(new Error(`executionEvents: ${message.errors[0]!.message}`));
          const event = message.data?.executionEvents;
          if (!event) return;
          if (event.seq !== lastSeq + 1) return reject(new Error(`executionEvents: seq ${event.seq} after ${lastSeq}`));
          type = event.type;
          lastSeq = event.seq;
          if (TERMINAL.has(type)) {
            stop();
            resolve({ type, lastSeq });
          }
        },
        error: (error) => {
          const errors = Array.isArray(error) ? (error as Array<{ message: string; extensions?: { retryable?: boolean } }>) : [];
          if (errors[0]?.extensions?.retryable) return resolve({ type, lastSeq, retryable: errors[0].message });
          reject(error instanceof Error ? error : new Error(`executionEvents closed: ${JSON.stringify(error)}`));
        },
        complete: () => (TERMINAL.has(type) ? resolve({ type, lastSeq }) : reject(new Error(`executionEvents completed after ${type || 'no event'}`))),
      },
    );
  });
}

/**
 * Follows one run until its terminal event, resuming with afterSeq after a retryable error as the
 * gateway's README tells clients to. Counts the resumes it needed.
 */
async function terminalEvent(ws: Client, executionId: string, resumes: { count: number; lastReason?: string }): Promise<string> {
  let afterSeq = 0;
  for (let attempt = 0; attempt <= MAX_RESUMES; attempt++) {
    const outcome = await followEvents(ws, executionId, afterSeq);
    if (!outcome.retryable) return outcome.type;
    resumes.count++;
    resumes.lastReason = outcome.retryable;
    afterSeq = outcome.lastSeq;
  }
  throw new Error(`executionEvents: still failing after ${MAX_RESUMES} resumes: ${resumes.lastReason}`);
}

async function pollUntilSettled(client: GatewayClient, executionId: string): Promise<string> {
  for (;;) {
    const { execution } = await client.request<{ execution: { status: string } }>(STATUS, { id: executionId });
    if (!['QUEUED', 'RUNNING'].includes(execution.status)) return `EXECUTION_${execution.status}`;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * startExecution of the 4-node flow from `clients` concurrent clients through the gateway, each
 * waiting for SUCCEEDED over its own graphql-ws socket (polling `execution(id)` if the gateway's
 * subscription does not work). Latency is start -> terminal event.
 */
export async function measureExecutions(client: GatewayClient, options: ExecutionsOptions): Promise<ExecutionsResult & { flowId: string }> {
  const { createFlow } = await client.request<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: fourNodeFlow() });
  const flowId = createFlow.id;
  const sockets = Array.from({ length: options.clients }, () =>
    createClient({ url: client.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: () => ({ authorization: client.authorization }) }),
  );
  let mode: WaitMode = 'subscription';
  let fallbackReason: string | undefined;
  const resumes = { count: 0, lastReason: undefined as string | undefined };
  const runOnce = async (index: number, socket: number) => {
    const { startExecution } = await client.request<{ startExecution: { id: string } }>(START, { flowId, input: { n: index } });
    const wait = mode === 'subscription' ? terminalEvent(sockets[socket]!, startExecution.id, resumes) : pollUntilSettled(client, startExecution.id);
    const outcome = await withTimeout(wait, RUN_TIMEOUT_MS, `execution ${startExecution.id}`);
    if (outcome !== 'EXECUTION_SUCCEEDED') throw new Error(`execution ${startExecution.id} ended ${outcome}`);
  };
  try {
    try {
      await runOnce(0, 0);
    } catch (error) {
      mode = 'polling';
      fallbackReason = error instanceof Error ? error.message : String(error);
      await runOnce(0, 0);
    }
    await runClients({ clients: options.clients, total: options.warmupRuns, maxMs: 60_000 }, runOnce);
    resumes.count = 0;
    const result = await runClients({ clients: options.clients, total: options.runs, maxMs: options.maxMs, meter: options.meter }, runOnce);
    return { ...result, mode, fallbackReason, resumes: resumes.count, resumeReason: resumes.lastReason, flowId };
  } finally {
    await Promise.all(sockets.map((s) => s.dispose()));
  }
}
