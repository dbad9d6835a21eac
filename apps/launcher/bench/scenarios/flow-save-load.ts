import { loadavg } from 'node:os';
import { chainFlow } from '../flow-fixtures';
import type { GatewayClient } from '../gateway-client';
import { percentile } from '../load';
import { cpuPerOperation, type CpuMeter } from '../process-cpu';

export interface SaveLoadResult {
  readonly nodes: number;
  readonly documentBytes: number;
  readonly saveMs: { readonly p50: number; readonly max: number };
  readonly loadMs: { readonly p50: number; readonly max: number };
  readonly rounds: number;
  readonly load: readonly [number, number];
  /** CPU ms per round (one save + one load) by process role. */
  readonly cpuPerRound: ReadonlyArray<readonly [string, number]>;
}

const UPDATE = `mutation ($id: ID!, $input: FlowInput!, $expected: Int) { updateFlow(id: $id, input: $input, expectedVersion: $expected) { version } }`;
const LOAD = `query ($id: ID!) { flow(id: $id) { version nodes edges } }`;

/**
 * One editor saving and reopening a flow of `size` nodes, `rounds` times, one request at a time:
 * updateFlow with expectedVersion (optimistic concurrency, as the studio saves), then flow(id).
 */
export async function measureSaveLoad(client: GatewayClient, size: number, rounds: number, meter?: CpuMeter): Promise<SaveLoadResult> {
  const flow = chainFlow(size);
  const { createFlow } = await client.request<{ createFlow: { id: string; version: number } }>(
    'mutation ($input: FlowInput!) { createFlow(input: $input) { id version } }',
    { input: flow },
  );
  let version = createFlow.version;
  const saves: number[] = [];
  const loads: number[] = [];
  const loadBefore = loadavg()[0]!;
  const cpuBefore = meter?.snapshot();
  for (let round = 0; round < rounds; round++) {
    // Move one node, as a drag in the studio does: a real change every save.
    const input = { ...flow, nodes: flow.nodes.map((n, i) => (i === round % size ? { ...n, position: { x: n.position.x, y: round + 1 } } : n)) };
    let t0 = performance.now();
    const { updateFlow } = await client.request<{ updateFlow: { version: number } }>(UPDATE, { id: createFlow.id, input, expected: version });
    saves.push(performance.now() - t0);
    if (updateFlow.version !== version + 1) throw new Error(`updateFlow went from version ${version} to ${updateFlow.version}`);
    version = updateFlow.version;
    t0 = performance.now();
    const loaded = await client.request<{ flow: { version: number; nodes: unknown[]; edges: unknown[] } }>(LOAD, { id: createFlow.id });
    loads.push(performance.now() - t0);
    if (loaded.flow.nodes.length !== size || loaded.flow.version !== version) throw new Error(`flow(id) returned ${loaded.flow.nodes.length} nodes at version ${loaded.flow.version}`);
  }
  const cpuAfter = meter?.snapshot();
  saves.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  return {
    nodes: size,
    documentBytes: JSON.stringify({ nodes: flow.nodes, edges: flow.edges }).length,
    saveMs: { p50: percentile(saves, 50), max: saves.at(-1)! },
    loadMs: { p50: percentile(loads, 50), max: loads.at(-1)! },
    rounds,
    load: [loadBefore, loadavg()[0]!],
    cpuPerRound: cpuBefore && cpuAfter ? cpuPerOperation(cpuBefore, cpuAfter, rounds) : [],
  };
}
