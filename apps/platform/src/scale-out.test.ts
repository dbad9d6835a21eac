import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix, EXECUTIONS_QUEUE } from '@omnitron/schema';
import { ensureSecrets } from '@omnitron/server-kit';
import { deleteRedisKeysUnder, readRedisHash, testPostgresUrl, testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { HostProcess } from './testing/host-process';
import { deleteLeftoverNetworks, ipCommand, NamespaceNetwork, namespaceSupportProblem } from './testing/namespace-network';
import { TcpForwarder } from './testing/tcp-forwarder';

// The platform as a cluster: each host a network namespace with its own address (a gateway host,
// an API host with the four subgraphs, two worker hosts), PostgreSQL and Redis reached over the
// namespace network as on other machines (forwarded from the bridge's address to the root
// namespace's loopback, where they listen). Every call between hosts is signed HTTP or graphql-ws
// between addresses; the runs travel through BullMQ. Needs root (CI runs as root): elsewhere it
// fails, saying so, rather than pass without having run.

const HOSTS = ['gw', 'api', 'w1', 'w2'] as const;
const GATEWAY_PORT = 4000;
/** Where the API host's subgraphs listen (on its own address). */
const SUBGRAPH_PORTS = { identity: 4001, flows: 4002, executions: 4003, intelligence: 4004 } as const;
/** How long the slow node of the durability run sleeps in its worker (WAIT_PARK_MIN_MS is set above it). */
const SLOW_NODE_MS = 8_000;
/** Runs per workload measured for the CPU figures (after WARM_UP_RUNS). */
const MEASURED_RUNS = 60;
const WARM_UP_RUNS = 10;
const CLIENTS = 4;
/** How long the idle CPU of each process is sampled (after half as long to settle). */
const IDLE_SECONDS = 10;

/** This package's scripts: the hosts run its build, started as its start script starts it. */
const SCRIPTS = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { build: string; start: string } }).scripts;
const PACKAGE_DIR = new URL('..', import.meta.url);

/** `npm run build` of this package (`node ../launcher/src/build.mjs src/main.ts`), so the hosts run the code under test; node's arguments to start it as `npm start` does, less `--roles`. */
function freshBuild(): string[] {
  const args = (script: string) => /^node (.+)$/.exec(script)![1]!.split(' ');
  execFileSync(process.execPath, args(SCRIPTS.build), { cwd: fileURLToPath(PACKAGE_DIR), stdio: 'pipe' });
  return args(SCRIPTS.start.replace(/ --roles \S+$/, ''));
}

let network: NamespaceNetwork | undefined;
const forwarders: TcpForwarder[] = [];
const database = throwawayDatabase('scaleout');
const redisPrefix = throwawayRedisPrefix('scaleout');
const hosts = new Map<(typeof HOSTS)[number], HostProcess>();
let gatewayUrl = '';

const host = (name: (typeof HOSTS)[number]): HostProcess => hosts.get(name)!;
const workers = (): HostProcess[] => [host('w1'), host('w2')];

interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as Answer;
  expect(answer.errors, query).toBeUndefined();
  return answer.data!;
}

async function register(label: string): Promise<Record<string, string>> {
  const data = await post('mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', { input: { email: `${label}-${randomUUID().slice(0, 8)}@example.test`, password: 'scale-out-password-1', name: label } });
  return { authorization: `Bearer ${(data.register as { accessToken: string }).accessToken}` };
}

const node = (id: string, type: string, data: Record<string, unknown>, x: number) => ({ id, type, position: { x, y: 0 }, data });

/** A flow of `nodes` in a row. */
function chainFlow(name: string, nodes: ReadonlyArray<ReturnType<typeof node>>) {
  return { name, description: '', tags: [], nodes, edges: nodes.slice(1).map((n, i) => ({ id: `${nodes[i]!.id}-${n.id}`, source: nodes[i]!.id, target: n.id })) };
}

async function createFlow(flow: ReturnType<typeof chainFlow>, owner: Record<string, string>): Promise<string> {
  return ((await post('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: flow }, owner)).createFlow as { id: string }).id;
}

async function startRun(flowId: string, input: unknown, owner: Record<string, string>): Promise<string> {
  return ((await post('mutation ($id: ID!, $input: JSON) { startExecution(flowId: $id, input: $input) { id } }', { id: flowId, input }, owner)).startExecution as { id: string }).id;
}

interface Event {
  readonly type: string;
  readonly nodeId: string | null;
}

/** A run's events over graphql-ws through the gateway host, from the first to the terminal one; `onEvent` sees each as it comes. */
async function follow(executionId: string, owner: Record<string, string>, onEvent: (event: Event) => void = () => undefined): Promise<Event[]> {
  const ws = createClient({ url: `${gatewayUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: owner.authorization } });
  const events: Event[] = [];
  try {
    for await (const message of ws.iterate<{ executionEvents: Event }>({ query: 'subscription ($id: ID!) { executionEvents(executionId: $id) { type nodeId } }', variables: { id: executionId } })) {
      expect(message.errors).toBeUndefined();
      events.push(message.data!.executionEvents);
      onEvent(events.at(-1)!);
      if (/^EXECUTION_(SUCCEEDED|FAILED|CANCELLED)$/.test(events.at(-1)!.type)) break;
    }
  } catch (error) {
    throw new Error(`following run ${executionId} after ${JSON.stringify(events)}: ${String((error as Error).message ?? JSON.stringify(error))}\n${warnings()}`, { cause: error });
  } finally {
    await ws.dispose();
  }
  return events;
}

/** The warnings and errors the hosts logged (JSON lines of level 40 and above), to explain a failure. */
function warnings(): string {
  return [...hosts]
    .flatMap(([name, h]) => h.output.split('\n').filter((line) => /"level":([4-9]\d)/.test(line) || (line.length > 0 && !line.startsWith('{'))).map((line) => `${name}: ${line}`))
    .join('\n');
}

async function execution(id: string, owner: Record<string, string>) {
  return (await post('query ($id: ID!) { execution(id: $id) { status output nodeRuns { nodeId status } } }', { id }, owner)).execution as { status: string; output: unknown; nodeRuns: Array<{ nodeId: string; status: string }> };
}

/** The pid of the worker that processed (last took) the run's job: BullMQ names each worker `<hostname>:<pid>`. */
async function processedBy(executionId: string): Promise<number | undefined> {
  const job = await readRedisHash(`${bullPrefix(redisPrefix)}:${EXECUTIONS_QUEUE}:run-${executionId}`);
  return job.pb === undefined ? undefined : Number(job.pb.slice(job.pb.lastIndexOf(':') + 1));
}

/** Runs `script` with node inside host `name`'s namespace; its stdout. */
function nodeIn(name: (typeof HOSTS)[number], script: string): string {
  return execFileSync(ipCommand(), ['netns', 'exec', network!.namespaceOf(name), process.execPath, '-e', script], { encoding: 'utf8', timeout: 30_000 });
}

/** What a TCP connection from inside host `name` to `address:port` comes to: `connected` or its error code. */
function connectFrom(name: (typeof HOSTS)[number], address: string, port: number): string {
  return nodeIn(
    name,
    `const s = require('node:net').connect(${port}, ${JSON.stringify(address)}); s.setTimeout(3000, () => { console.log('TIMEOUT'); process.exit(); });` +
      `s.on('connect', () => { console.log('connected'); process.exit(); }); s.on('error', (e) => { console.log(e.code); process.exit(); });`,
  ).trim();
}

/** Each process's CPU time (ms) now, by host. */
const cpuNow = () => Object.fromEntries([...hosts].map(([name, h]) => [name, h.cpuMs()])) as Record<(typeof HOSTS)[number], number>;

/** Runs `runs` calls of `once`, CLIENTS at a time. */
async function load(runs: number, once: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < runs) await once(next++);
  }));
}

beforeAll(async () => {
  const problem = namespaceSupportProblem();
  if (problem) throw new Error(`the scale-out test makes network namespaces and cannot here: ${problem}. Run it as root on Linux with iproute2 (CI does).`);
  deleteLeftoverNetworks();
  const nodeArgs = freshBuild();
  network = NamespaceNetwork.create(HOSTS);
  const via = network.gateway;
  const postgres = new URL(testPostgresUrl);
  const redis = new URL(testRedisUrl);
  forwarders.push(await TcpForwarder.start({ host: via, port: 5432 }, { host: postgres.hostname, port: Number(postgres.port || 5432) }));
  forwarders.push(await TcpForwarder.start({ host: via, port: 6379 }, { host: redis.hostname, port: Number(redis.port || 6379) }));

  const databaseUrl = new URL(database.url);
  databaseUrl.hostname = via;
  databaseUrl.port = '5432';
  const secrets = ensureSecrets(mkdtempSync(join(tmpdir(), 'omt-scaleout-secrets-')));
  const api = network.addressOf('api');
  const { DATABASE_URL: _a, REDIS_URL: _b, REDIS_PREFIX: _c, ...inherited } = process.env as Record<string, string>;
  // Every host gets the same settings and secrets, as an operator's deployment would give them.
  const shared = {
    ...inherited,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: `redis://${via}:6379`,
    REDIS_PREFIX: redisPrefix,
    INTERNAL_SIGNING_KEY: secrets.internalSigningKey,
    ENCRYPTION_KEY: secrets.encryptionKey,
    JWT_PRIVATE_KEY: secrets.jwtPrivateKey,
    JWT_PUBLIC_KEY: secrets.jwtPublicKey,
    ...Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([name, port]) => [`${name.toUpperCase()}_URL`, `http://${api}:${port}/graphql`])),
    // One run at a time per worker, and the slow node sleeps in its worker instead of parking: both workers take runs, and a worker killed mid-run holds one.
    WORKER_CONCURRENCY: '1',
    WAIT_PARK_MIN_MS: String(SLOW_NODE_MS * 10),
  };
  const placed = (name: (typeof HOSTS)[number], roles: string, env: Record<string, string>, readyUrl?: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), `omt-scaleout-${name}-`));
    const gateway = name === 'gw' ? { gatewayUrl: `http://${network!.addressOf('gw')}:${GATEWAY_PORT}` } : {};
    hosts.set(name, new HostProcess(roles, { netns: network!.namespaceOf(name), env: { ...shared, ...env, DATA_DIR: dataDir, HOST: network!.addressOf(name) }, nodeArgs, ...(readyUrl ? { readyUrl } : {}), ...gateway }));
    return hosts.get(name)!;
  };
  // The API host first: it applies the migrations.
  await placed('api', 'identity,flows,executions,intelligence', { PORT: String(SUBGRAPH_PORTS.executions) }, `http://${api}:${SUBGRAPH_PORTS.executions}/health/ready`).start(180_000);
  gatewayUrl = `http://${network.addressOf('gw')}:${GATEWAY_PORT}`;
  await Promise.all([
    placed('w1', 'worker', {}).start(180_000),
    placed('w2', 'worker', {}).start(180_000),
    // Ready once every subgraph answers ready and both workers are connected.
    placed('gw', 'gateway', { PORT: String(GATEWAY_PORT), READY_WORKERS: '2' }, `${gatewayUrl}/health/ready`).start(180_000),
  ]);
}, 400_000);

afterAll(async () => {
  // Each step whatever the others did: nothing of this run may outlive it.
  const settle = (what: Promise<unknown>, ms: number) => Promise.race([what.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
  await settle(Promise.all([...hosts.values()].map((h) => h.stop())), 30_000);
  network?.delete(); // kills whatever still runs in a namespace
  await Promise.all(forwarders.map((f) => f.close()));
  await database.drop();
  await deleteRedisKeysUnder(redisPrefix);
}, 90_000);

describe('the platform as a cluster: gateway, API and two worker hosts in their own network namespaces', () => {
  it('gives each host its own address, and no host reaches the root namespace loopback where PostgreSQL and Redis listen', () => {
    const addresses = HOSTS.map((name) => network!.addressOf(name));
    expect(new Set(addresses).size).toBe(HOSTS.length);
    // Each host has its address and loopback, nothing else.
    const own = nodeIn('w1', "console.log(JSON.stringify(Object.values(require('node:os').networkInterfaces()).flat().filter((a) => a.family === 'IPv4').map((a) => a.address).sort()))");
    expect(JSON.parse(own)).toEqual(['127.0.0.1', network!.addressOf('w1')].sort());
    expect(connectFrom('w1', '127.0.0.1', 6379)).toBe('ECONNREFUSED');
    expect(connectFrom('w1', '127.0.0.1', 5432)).toBe('ECONNREFUSED');
    // ... but through the network: the forwarded Redis, and the API host's executions subgraph.
    expect(connectFrom('w1', network!.gateway, 6379)).toBe('connected');
    expect(connectFrom('w1', network!.addressOf('api'), SUBGRAPH_PORTS.executions)).toBe('connected');
    // The subgraphs listen on the API host's address only: not on the gateway host's.
    expect(connectFrom('w1', network!.addressOf('gw'), SUBGRAPH_PORTS.executions)).toBe('ECONNREFUSED');
  });

  it('runs executions started through the gateway host on both worker hosts, and streams their events over graphql-ws', async () => {
    const owner = await register('scale-out-runs');
    // Each run holds its worker (one run at a time) for a while, so the queue hands runs to both.
    const flowId = await createFlow(chainFlow('scale-out runs', [
      node('start', 'trigger.manual', {}, 0),
      node('pause', 'delay', { ms: 300 }, 200),
      node('x', 'transform', { expression: '$input.n * 2' }, 400),
      node('out', 'output', { expression: '$nodes.x' }, 600),
    ]), owner);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, n) => startRun(flowId, { n }, owner)));
    const followed = await Promise.all(ids.map((id) => follow(id, owner)));
    for (const events of followed) {
      expect(events.at(-1)!.type).toBe('EXECUTION_SUCCEEDED');
      expect(events.filter((e) => e.type === 'NODE_SUCCEEDED').map((e) => e.nodeId)).toEqual(['start', 'pause', 'x', 'out']);
    }
    for (const [n, id] of ids.entries()) expect(await execution(id, owner)).toMatchObject({ status: 'SUCCEEDED', output: n * 2 });
    const ranOn = await Promise.all(ids.map(processedBy));
    expect(new Set(ranOn), `pids of the workers that ran the runs; workers: ${workers().map((w) => w.pid).join(', ')}`).toEqual(new Set(workers().map((w) => w.pid)));
  }, 180_000);

  it('measures the CPU each host spends per run (printed for sizing a cluster, not asserted)', async () => {
    const owner = await register('scale-out-cpu');
    const flowId = await createFlow(chainFlow('scale-out cpu', [
      node('start', 'trigger.manual', {}, 0),
      node('x', 'transform', { expression: '$input.n * 2' }, 200),
      node('out', 'output', { expression: '$nodes.x' }, 400),
    ]), owner);
    const path = `scale-out/${randomUUID()}`;
    const hookId = await createFlow(chainFlow('scale-out webhook', [
      node('hook', 'trigger.webhook', { path, respond: 'end' }, 0),
      node('x', 'transform', { expression: '{ "n": $input.body.n * 2 }' }, 200),
      node('out', 'output', { expression: '$nodes.x' }, 400),
    ]), owner);
    expect(await post('mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: hookId }, owner)).toEqual({ activateFlow: { active: true } });

    const followed = async (i: number) => {
      const events = await follow(await startRun(flowId, { n: i }, owner), owner);
      expect(events.at(-1)!.type).toBe('EXECUTION_SUCCEEDED');
    };
    const hooked = async (i: number) => {
      const response = await fetch(`${gatewayUrl}/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: i }) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ n: i * 2 });
    };
    // Idle first, once the work of the tests before has settled: what the processes spend per second doing nothing (health checks, stalled-job checks, upkeep).
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 500));
    const idleBefore = cpuNow();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idleAfter = cpuNow();
    const idlePerSecond = (name: (typeof HOSTS)[number]) => (idleAfter[name] - idleBefore[name]) / IDLE_SECONDS;
    /** Per workload: each role's CPU ms per run, and the same less what it spends idle over the same time. */
    const figures: Array<{ workload: string; runsPerSecond: number; perRun: Record<string, [number, number]> }> = [];
    const measure = async (workload: string, once: (i: number) => Promise<void>) => {
      await load(WARM_UP_RUNS, once);
      const before = cpuNow();
      const started = performance.now();
      await load(MEASURED_RUNS, once);
      const seconds = (performance.now() - started) / 1000;
      const after = cpuNow();
      const of = (names: ReadonlyArray<(typeof HOSTS)[number]>): [number, number] => {
        const used = names.reduce((sum, name) => sum + after[name] - before[name], 0);
        const idle = names.reduce((sum, name) => sum + idlePerSecond(name) * seconds, 0);
        return [used / MEASURED_RUNS, Math.max(0, used - idle) / MEASURED_RUNS];
      };
      figures.push({ workload, runsPerSecond: MEASURED_RUNS / seconds, perRun: { gateway: of(['gw']), 'identity+flows+executions+intelligence': of(['api']), 'worker (both)': of(['w1', 'w2']), total: of(HOSTS) } });
    };
    await measure('startExecution + graphql-ws follow', followed);
    // A webhook answered at the end of the run: the gateway host to the API host, the run on a worker host.
    for (let attempt = 0; (await fetch(`${gatewayUrl}/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":0}' })).status !== 200; attempt += 1) {
      expect(attempt).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 200));
    }
    await measure('webhook, respond: end', hooked);
    const rows = Object.keys(figures[0]!.perRun).map((role) => `| ${role} | ${figures.map((f) => `${f.perRun[role]![0].toFixed(1)} (${f.perRun[role]![1].toFixed(1)})`).join(' | ')} |`);
    console.log([
      `scale-out: CPU ms per run by role, measured (less idle) over ${MEASURED_RUNS} runs after ${WARM_UP_RUNS}, ${CLIENTS} clients; /proc utime+stime (10 ms ticks), the build, NODE_ENV=production`,
      `| role | ${figures.map((f) => `${f.workload} (${f.runsPerSecond.toFixed(0)} runs/s)`).join(' | ')} |`,
      ...rows,
      `idle CPU ms/s: ${HOSTS.map((name) => `${name} ${idlePerSecond(name).toFixed(1)}`).join(', ')}`,
    ].join('\n'));
    expect(figures).toHaveLength(2);
  }, 300_000);

  it('finishes a run on the other worker host when the one running it is killed (SIGKILL) in the middle of a node', async () => {
    const owner = await register('scale-out-durable');
    const flowId = await createFlow(chainFlow('scale-out durable', [
      node('start', 'trigger.manual', {}, 0),
      node('slow', 'delay', { ms: SLOW_NODE_MS }, 200),
      node('x', 'transform', { expression: '$input.n * 2' }, 400),
      node('out', 'output', { expression: '$nodes.x' }, 600),
    ]), owner);
    const id = await startRun(flowId, { n: 21 }, owner);
    let victim: HostProcess | undefined;
    let killing: Promise<void> | undefined;
    // Followed through the gateway host from start to end, across the worker's death.
    const events = await follow(id, owner, (event) => {
      if (killing || event.type !== 'NODE_STARTED' || event.nodeId !== 'slow') return;
      killing = (async () => {
        const holder = await processedBy(id);
        victim = workers().find((w) => w.pid === holder);
        expect(victim, `the run's job names worker pid ${holder}; workers: ${workers().map((w) => w.pid).join(', ')}`).toBeDefined();
        victim!.kill('SIGKILL');
        expect((await victim!.exited).signal).toBe('SIGKILL');
      })();
    });
    await killing;
    const survivor = workers().find((w) => w !== victim)!;
    expect(events.at(-1)!.type, survivor.output.slice(-4_000)).toBe('EXECUTION_SUCCEEDED');
    // The node in flight started again on the survivor (at least once: the work of a node cut short is done again).
    expect(events.filter((e) => e.type === 'NODE_STARTED' && e.nodeId === 'slow').length).toBeGreaterThanOrEqual(2);
    expect(await processedBy(id)).toBe(survivor.pid);
    const done = await execution(id, owner);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 42 });
    expect(done.nodeRuns.map((r) => r.nodeId).sort()).toEqual(['out', 'slow', 'start', 'x']);
  }, 180_000);
});
