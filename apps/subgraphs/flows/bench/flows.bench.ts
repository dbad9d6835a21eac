/**
 * Flows subgraph benchmark, straight against the subgraph on PostgreSQL with signed requests
 * (the gateway path is measured elsewhere).
 *
 *   list     flows(first: 50) over 10,000 stored flows, 20 concurrent clients, bounded request count
 *   save     updateFlow of a 1,000-node flow (validation + compare-and-set + version row)
 *   load     flow(id) of the same 1,000-node flow
 *
 * The subgraph runs in its own process (`src/main.ts`, as in production) so the load generator
 * does not share its event loop. Uses a throwaway database (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { ensureSecrets, openDatabase, routeOf, signCaller, type Caller } from '@omnitron/server-kit';
import { throwawayDatabase } from '@omnitron/server-kit/testing';
import { migrations } from '../src/migrations';
import { searchTextOf, tagIndexOf } from '../src/domain/flow-search';
import { Flow } from '../src/entities/flow.entity';
import { FlowVersion } from '../src/entities/flow-version.entity';

const STORED_FLOWS = 10_000;
const CLIENTS = 20;
const LIST_REQUESTS = 2_000;
const BIG_FLOW_NODES = 1_000;
const BIG_FLOW_ROUNDS = 40;

interface Row {
  scenario: string;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  reqPerSec: number;
  /** CPU the subgraph process spent per request: less sensitive to a busy machine than latency. */
  serverCpuMsPerReq: number | string;
}

/** User + system CPU of a process in ms, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / 100;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (value: number): number => Math.round(value * 100) / 100;

function chain(count: number) {
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: i === 0 ? 'trigger.manual' : i === count - 1 ? 'output' : 'transform',
    position: { x: i * 40, y: (i % 7) * 30 },
    data: i === 0 || i === count - 1 ? {} : { expression: `{ "step": ${i}, "value": $.value + 1 }`, label: `Step ${i}` },
  }));
  return { nodes, edges: nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${i}`, target: node.id })) };
}

async function seed(orm: MikroORM, caller: Caller): Promise<void> {
  const em = orm.em.fork();
  const content = chain(6);
  const start = Date.now() - STORED_FLOWS * 1_000;
  for (let offset = 0; offset < STORED_FLOWS; offset += 1_000) {
    const flows: Record<string, unknown>[] = [];
    const versions: Record<string, unknown>[] = [];
    for (let i = offset; i < Math.min(STORED_FLOWS, offset + 1_000); i++) {
      const at = new Date(start + i * 1_000);
      const name = `Flow ${i}`;
      const description = i % 10 === 0 ? 'nightly report for billing' : 'synchronises records';
      const tags = i % 3 === 0 ? ['billing'] : ['ops'];
      const id = randomUUID();
      const shared = { name, description, tags, ...content, valid: true, problems: [] };
      flows.push({ id, workspaceId: caller.workspaceId, ownerId: caller.userId, ...shared, version: 1, searchText: searchTextOf(name, description, tags), tagIndex: tagIndexOf(tags), createdAt: at, updatedAt: at, deletedAt: null });
      versions.push({ id: randomUUID(), flowId: id, workspaceId: caller.workspaceId, version: 1, ...shared, authorId: caller.userId, message: 'seed', createdAt: at });
    }
    await em.insertMany(Flow, flows as never[]);
    await em.insertMany(FlowVersion, versions as never[]);
  }
}

let serverPid: number | undefined;

/** `total` requests spread over `clients` concurrent loops; latency per request. */
async function load(scenario: string, total: number, clients: number, request: () => Promise<void>): Promise<Row> {
  const latencies: number[] = [];
  const cpuBefore = cpuMsOf(serverPid);
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < total) {
        const started = performance.now();
        await request();
        latencies.push(performance.now() - started);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1_000;
  latencies.sort((a, b) => a - b);
  const cpuAfter = cpuMsOf(serverPid);
  const serverCpuMsPerReq = cpuBefore === undefined || cpuAfter === undefined ? 'n/a' : round((cpuAfter - cpuBefore) / latencies.length);
  return { scenario, requests: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), reqPerSec: round(latencies.length / seconds), serverCpuMsPerReq };
}

function expectData(result: { data?: unknown; errors?: unknown }): void {
  if (result.errors || !result.data) throw new Error(`request failed: ${JSON.stringify(result.errors)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts `src/main.ts` as its own process and waits until /health/ready answers 200. */
async function startSubgraphProcess(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`flows subgraph exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('flows subgraph did not become ready');
}

async function main(): Promise<void> {
  const database = throwawayDatabase('bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'omt-flows-bench-'));
  const signingKey = ensureSecrets(dataDir).internalSigningKey;
  const caller: Caller = { userId: randomUUID(), workspaceId: randomUUID(), role: 'editor', scopes: null };
  const orm = await openDatabase({ subgraph: 'flows', entities: [Flow, FlowVersion], migrations, databaseUrl: database.url, dataDir });
  let child: ChildProcess | undefined;
  try {
    const seeding = performance.now();
    await seed(orm, caller);
    await orm.em.fork().getConnection().execute('analyze');
    console.log(`seeded ${STORED_FLOWS} flows in ${Math.round(performance.now() - seeding)} ms`);
    const port = await freePort();
    child = await startSubgraphProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, port);
    serverPid = child.pid;
    const url = `http://127.0.0.1:${port}/graphql`;
    const request = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: unknown }> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signCaller(signingKey, routeOf('POST', url), caller) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: T; errors?: unknown };
    };

    const page = `edges { cursor node { id name description tags version valid updatedAt } } pageInfo { endCursor hasNextPage }`;
    const list = (args: string, extra = '') => async () => expectData(await request(`{ flows(${args}) { ${page} ${extra} } }`));
    await load('warm-up', 200, CLIENTS, list('first: 50'));

    const rows: Row[] = [];
    rows.push(await load('flows(first: 50)', LIST_REQUESTS, CLIENTS, list('first: 50')));
    rows.push(await load('flows(first: 50) + totalCount', LIST_REQUESTS, CLIENTS, list('first: 50', 'totalCount')));
    rows.push(await load('flows(first: 50, search: "billing")', LIST_REQUESTS, CLIENTS, list('first: 50, search: "billing"')));
    rows.push(await load('flows(first: 50, tag: "billing")', LIST_REQUESTS, CLIENTS, list('first: 50, tag: "billing"')));

    const big = chain(BIG_FLOW_NODES);
    const created = await request<{ createFlow: { id: string } }>(`mutation($input: FlowInput!) { createFlow(input: $input) { id } }`, { input: { name: 'Big', ...big } });
    expectData(created);
    const id = created.data!.createFlow.id;
    const save = `mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { version valid } }`;
    rows.push(await load(`save ${BIG_FLOW_NODES}-node flow (sequential)`, BIG_FLOW_ROUNDS, 1, async () => expectData(await request(save, { id, input: { name: 'Big', ...big } }))));
    const read = `query($id: ID!) { flow(id: $id) { id version nodes edges valid problems { code } } }`;
    rows.push(await load(`load ${BIG_FLOW_NODES}-node flow (sequential)`, BIG_FLOW_ROUNDS, 1, async () => expectData(await request(read, { id }))));

    const load1m = loadavg()[0]!.toFixed(1);
    console.log(`\nflows subgraph (own process) on PostgreSQL, ${STORED_FLOWS} stored flows, ${CLIENTS} concurrent clients for lists`);
    console.log(`machine: load average ${load1m} over the last minute (latency and req/s degrade with it; server CPU per request much less)`);
    console.table(rows);
  } finally {
    child?.kill('SIGTERM');
    await orm.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
