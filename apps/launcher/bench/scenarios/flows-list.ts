import { loadavg } from 'node:os';
import { chainFlow } from '../flow-fixtures';
import type { GatewayClient } from '../gateway-client';
import { runClients, type LoadBounds, type LoadResult } from '../load';

export const FLOWS_PAGE_QUERY = '{ flows(first: 50) { edges { node { id name owner { email } } } } }';
export const TYPENAME_QUERY = '{ __typename }';
/** The same page without the federated hop to identity: splits the list's cost from the owner's. */
export const FLOWS_PAGE_WITHOUT_OWNER_QUERY = '{ flows(first: 50) { edges { node { id name } } } }';

export interface SeedResult {
  readonly created: number;
  readonly elapsedMs: number;
  readonly load: readonly [number, number];
}

/**
 * Creates `count` small flows through the public API: `batch` aliased createFlow mutations per
 * request (GraphQL runs them one after another), `concurrency` requests at a time.
 */
export async function seedFlows(client: GatewayClient, count: number, batch: number, concurrency: number, maxMs: number): Promise<SeedResult> {
  const flow = chainFlow(3);
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const batches = Math.ceil(count / batch);
  const fields = (offset: number, size: number) =>
    Array.from({ length: size }, (_, i) => `f${i}: createFlow(input: { name: "bench flow ${offset + i}", description: $description, tags: $tags, nodes: $nodes, edges: $edges }) { id }`).join('\n');
  let created = 0;
  const result = await runClients({ clients: concurrency, total: batches, maxMs }, async (index) => {
    const offset = index * batch;
    const size = Math.min(batch, count - offset);
    const data = await client.request<Record<string, { id: string }>>(
      `mutation ($description: String, $tags: [String!], $nodes: JSON!, $edges: JSON) {\n${fields(offset, size)}\n}`,
      { description: flow.description, tags: flow.tags, nodes: flow.nodes, edges: flow.edges },
    );
    created += Object.keys(data).length;
  });
  if (result.failed > 0) throw new Error(`seeding flows: ${result.failed} batches failed, first: ${result.firstError}`);
  return { created, elapsedMs: performance.now() - started, load: [loadBefore, loadavg()[0]!] };
}

/** Runs one query at the given bounds; a response without data counts as failed. */
export function measureQuery(client: GatewayClient, query: string, bounds: LoadBounds, check?: (data: unknown) => void): Promise<LoadResult> {
  return runClients(bounds, async () => {
    const data = await client.query<unknown>(query);
    check?.(data);
  });
}

/** The page must hold 50 flows, each with its owner's email (federated through identity) when `email` is given. */
export function checkFlowsPage(email?: string) {
  return (data: unknown) => {
    const edges = (data as { flows: { edges: Array<{ node: { owner?: { email: string } } }> } }).flows.edges;
    if (edges.length !== 50) throw new Error(`flows page holds ${edges.length} flows, expected 50`);
    if (email !== undefined && edges.some((e) => e.node.owner?.email !== email)) throw new Error('a flow without its owner email');
  };
}
