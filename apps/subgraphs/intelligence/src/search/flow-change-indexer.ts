import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { FlowChangeConsumer, FlowChangeGroup, flowChangeCaller, routeOf, signCaller, type FlowChange, type LocalSubgraph } from '@omnitron/server-kit';
import { indexRequestSchema } from './flow-document';
import type { FlowSearch } from './flow-search';

/** The flow fields the index needs, read from the flows subgraph. */
const FLOW_QUERY = 'query IndexedFlow($id: ID!) { flow(id: $id) { id name description tags nodes } }';
const LOAD_TIMEOUT_MS = 10_000;

interface IndexedFlow {
  readonly name: string;
  readonly description: string;
  readonly tags: string[];
  readonly nodes: unknown[];
}

export interface FlowChangeIndexerDeps {
  /** The flows subgraph's GraphQL endpoint. */
  readonly flowsUrl: string;
  /**
   * The flows subgraph when it runs in this process too (undefined until it has started): flows
   * are read from it in process instead of over signed HTTP at `flowsUrl`. @default none
   */
  readonly localFlows?: () => LocalSubgraph | undefined;
  readonly signingKey: string;
  readonly search: FlowSearch;
  readonly fork: () => EntityManager;
}

/** Loads a flow as the workspace (signed like the gateway would); null when it is gone. Throws to retry. */
export async function loadFlow(deps: FlowChangeIndexerDeps, change: FlowChange): Promise<IndexedFlow | null> {
  const body = JSON.stringify({ query: FLOW_QUERY, variables: { id: change.flowId } });
  const { status, answer } = deps.localFlows ? await askInProcess(deps.localFlows, body, change) : await askOverHttp(deps, body, change);
  if (answer.errors?.some((e) => e.extensions?.code === 'NOT_FOUND')) return null;
  if (status !== 200 || answer.errors?.length || !answer.data) throw new Error(`flows subgraph answered ${status} ${answer.errors?.[0]?.extensions?.code ?? ''}`.trim());
  return answer.data.flow;
}

interface FlowAnswer {
  readonly status: number;
  readonly answer: { data?: { flow: IndexedFlow | null }; errors?: Array<{ extensions?: { code?: string } }> };
}

async function askOverHttp(deps: FlowChangeIndexerDeps, body: string, change: FlowChange): Promise<FlowAnswer> {
  const response = await fetch(deps.flowsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signCaller(deps.signingKey, routeOf('POST', deps.flowsUrl), flowChangeCaller(change)) },
    body,
    signal: AbortSignal.timeout(LOAD_TIMEOUT_MS),
  });
  return { status: response.status, answer: (await response.json()) as FlowAnswer['answer'] };
}

/** The same operation run by the flows role of this process: the caller handed over as a value, no socket, no signature. */
async function askInProcess(flows: () => LocalSubgraph | undefined, body: string, change: FlowChange): Promise<FlowAnswer> {
  const local = flows();
  if (!local) throw new Error('the flows role has not started');
  const { status, body: answer } = await local.execute(body, { caller: flowChangeCaller(change), requestId: randomUUID() });
  return { status, answer: answer as FlowAnswer['answer'] };
}

/**
 * Keeps the search index in step with the flows subgraph's change stream: a saved flow is loaded
 * and indexed, a deleted (or vanished) one removed. Idempotent, as the stream is at-least-once.
 */
export async function indexFlowChange(deps: FlowChangeIndexerDeps, change: FlowChange): Promise<void> {
  const flow = change.change === 'deleted' ? null : await loadFlow(deps, change);
  const request = flow
    ? { flowId: change.flowId, name: flow.name.slice(0, 200), description: flow.description, tags: flow.tags, nodes: flow.nodes }
    : { flowId: change.flowId, deleted: true };
  await deps.search.index(deps.fork(), change.workspaceId, indexRequestSchema.parse(request));
}

/** One consumer of the `intelligence-search` group; replicas share the work. */
export function startFlowChangeIndexer(deps: FlowChangeIndexerDeps & { redisUrl: string; redisPrefix: string; log: Logger }): FlowChangeConsumer {
  const consumer = new FlowChangeConsumer({
    redisUrl: deps.redisUrl,
    redisPrefix: deps.redisPrefix,
    group: FlowChangeGroup.intelligenceSearch,
    log: deps.log,
    handle: (change) => indexFlowChange(deps, change),
  });
  void consumer.start().catch((error: unknown) => deps.log.error({ err: error }, 'could not start reading flow changes; search is fed by /internal/search/index only'));
  return consumer;
}
