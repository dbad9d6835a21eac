import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '@omnitron/schema';
import { deleteRedisKeysUnder, testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';

// The platform as LAYOUT=split-like processes on real PostgreSQL and Redis: the gateway with
// identity, flows and intelligence in one process, executions alone in a second, a worker in a
// third. Each exports its spans to a local OTLP receiver (this test's HTTP server, decoding the
// JSON export), and the trace of one run is checked across the three.

/** One span as the receiver decoded it. */
interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Every attribute value of the span, its events and its resource, as text. */
  readonly values: readonly string[];
}

interface OtlpAttribute {
  readonly key: string;
  readonly value: Record<string, unknown>;
}
interface OtlpExport {
  readonly resourceSpans?: ReadonlyArray<{
    readonly resource?: { readonly attributes?: readonly OtlpAttribute[] };
    readonly scopeSpans?: ReadonlyArray<{
      readonly spans?: ReadonlyArray<{
        readonly traceId: string;
        readonly spanId: string;
        readonly parentSpanId?: string;
        readonly name: string;
        readonly attributes?: readonly OtlpAttribute[];
        readonly events?: ReadonlyArray<{ readonly attributes?: readonly OtlpAttribute[] }>;
      }>;
    }>;
  }>;
}

/** An OTLP AnyValue as a plain value (`intValue` comes as a string or a number). */
function plain(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('boolValue' in value) return value.boolValue;
  if ('doubleValue' in value) return value.doubleValue;
  return JSON.stringify(value);
}

const attributesOf = (list: readonly OtlpAttribute[] | undefined): Record<string, unknown> => Object.fromEntries((list ?? []).map((a) => [a.key, plain(a.value)]));

/** A local OTLP/HTTP receiver: POST /v1/traces with the JSON encoding, every span kept. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes = new Set<string>();
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.contentTypes.add(req.headers['content-type'] ?? '');
        if (req.url === '/v1/traces') this.keep(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  private keep(body: OtlpExport): void {
    for (const resourceSpans of body.resourceSpans ?? []) {
      const resource = attributesOf(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const attributes = attributesOf(span.attributes);
          const events = (span.events ?? []).flatMap((event) => Object.values(attributesOf(event.attributes)));
          this.spans.push({
            service: String(resource['service.name']),
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            attributes,
            values: [...Object.values(attributes), ...events, ...Object.values(resource)].map(String),
          });
        }
      }
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A port the kernel reports free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `node --import tsx src/main.ts --roles <roles>` with `env`, its output kept. */
class RoleProcess {
  output = '';
  private child: ChildProcess | undefined;

  constructor(
    readonly roles: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    this.child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url)), '--roles', this.roles], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  get running(): boolean {
    return this.child?.exitCode === null;
  }

  /** Resolves once it logged that its roles run; rejects if it exits first. */
  async ready(deadline: number): Promise<void> {
    while (!this.output.includes('"msg":"platform roles running"')) {
      if (!this.running) throw new Error(`--roles ${this.roles} exited:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`--roles ${this.roles} was not ready in time:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGTERM, as the launcher stops it (it exports its last spans on the way out). */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }
}

const receiver = new OtlpReceiver();
const database = throwawayDatabase('tracing');
const redisPrefix = throwawayRedisPrefix('tracing');
let processes: RoleProcess[] = [];
let gatewayUrl = '';

async function graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

/** Polls `check` until it returns a value, for at most `ms`. */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  const otlp = await receiver.start();
  const gatewayPort = await freePort();
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async ({ name }) => [name, await freePort()] as const)));
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const env: Record<string, string> = {
    ...(inherited as Record<string, string>),
    ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`])),
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-tracing-')),
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  processes = [
    new RoleProcess('executions', { ...env, PORT: String(ports.executions) }),
    new RoleProcess('gateway,identity,flows,intelligence', { ...env, PORT: String(gatewayPort) }),
    new RoleProcess('worker', { ...env, PORT: String(await freePort()) }),
  ];
  // Executions first: its migrations run before the worker opens the same database.
  processes[0]!.start();
  const deadline = Date.now() + 150_000;
  await processes[0]!.ready(deadline);
  processes[1]!.start();
  processes[2]!.start();
  for (const host of processes) await host.ready(deadline);
  gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await eventually(() => fetch(`${gatewayUrl}/health/ready`).then((r) => (r.ok ? true : undefined), () => undefined), 60_000, 'the gateway to be ready');
}, 240_000);

afterAll(async () => {
  const codes = await Promise.all(processes.map((host) => host.stop()));
  await receiver.close();
  await deleteRedisKeysUnder(redisPrefix).catch(() => 0);
  await database.drop();
  expect(codes).toEqual(processes.map(() => 0));
}, 60_000);

const FLOW = {
  name: 'traced flow',
  description: '',
  tags: [],
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
    { id: 'double', type: 'transform', position: { x: 200, y: 0 }, data: { expression: '{ "n": $input.n * 2, "note": $input.note }' } },
    { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'start-double', source: 'start', target: 'double' },
    { id: 'double-out', source: 'double', target: 'out' },
  ],
};

/** The trace of one run, once its run span, a span per node and its root have arrived. */
async function traceOfRun(executionId: string, nodeCount: number) {
  const run = await eventually(() => receiver.spans.find((s) => s.name === 'execution.run' && s.attributes['omnitron.execution.id'] === executionId), 30_000, "the run's span");
  const inTrace = () => receiver.spans.filter((s) => s.traceId === run.traceId);
  await eventually(() => (inTrace().filter((s) => s.name.startsWith('node ')).length === nodeCount ? true : undefined), 30_000, 'a span per node');
  await eventually(() => inTrace().find((s) => s.parentSpanId === ''), 30_000, 'the root span');
  // The gateway's request span ends after its answer: let the last exports arrive.
  await new Promise((r) => setTimeout(r, 1_000));
  const spans = inTrace();
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const ancestry: ReceivedSpan[] = [];
  for (let span: ReceivedSpan | undefined = run; span; span = byId.get(span.parentSpanId)) ancestry.push(span);
  return {
    run,
    spans,
    roots: spans.filter((s) => s.parentSpanId === '').map((s) => [s.service, s.name]),
    /** Spans whose parent is not in the trace (a broken link). */
    orphans: spans.filter((s) => s.parentSpanId !== '' && !byId.has(s.parentSpanId)).map((s) => s.name),
    ancestry,
    /** The services from the run up to the root, each once per stretch. */
    services: ancestry.map((s) => s.service).filter((service, i, all) => service !== all[i - 1]),
    nodes: spans.filter((s) => s.name.startsWith('node ')),
  };
}

/** Every attribute value the receiver got that contains `text`. */
const valuesContaining = (text: string) => receiver.spans.flatMap((s) => s.values).filter((value) => value.includes(text));

async function signUp(email: string): Promise<Record<string, string>> {
  const { register } = (await graphql('mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', {
    input: { email, password: 'correct-horse-battery-7', name: 'Tracing' },
  })) as { register: { accessToken: string } };
  return { authorization: `Bearer ${register.accessToken}` };
}

describe('tracing across the gateway, executions and a worker, each its own process', () => {
  it('makes a run one trace: one root span at the gateway, the run in the worker under the mutation, a span per node with its type and outcome, and no payload in any attribute', async () => {
    const auth = await signUp('tracing@example.test');
    const { createFlow } = (await graphql('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: FLOW }, auth)) as { createFlow: { id: string } };
    // A value that must never leave as a span attribute, input or output.
    const marker = `payload-${randomUUID()}`;
    const { startExecution } = (await graphql(
      'mutation ($flowId: ID!, $input: JSON) { startExecution(flowId: $flowId, input: $input) { id } }',
      { flowId: createFlow.id, input: { n: 21, note: marker } },
      auth,
    )) as { startExecution: { id: string } };
    const executionId = startExecution.id;
    const ended = await eventually(
      async () => {
        const { execution } = (await graphql('query ($id: ID!) { execution(id: $id) { status output } }', { id: executionId }, auth)) as { execution: { status: string; output: unknown } };
        return /^(SUCCEEDED|FAILED|CANCELLED)$/.test(execution.status) ? execution : undefined;
      },
      60_000,
      'the run to end',
    );
    expect(ended).toEqual({ status: 'SUCCEEDED', output: { n: 42, note: marker } });

    const trace = await traceOfRun(executionId, 3);
    // One root, and every other span's parent is in the trace.
    expect(trace.roots).toEqual([['omnitron-gateway', 'POST /graphql']]);
    expect(trace.orphans).toEqual([]);
    // The run's ancestry crosses the processes: worker <- (BullMQ job) executions <- (signed HTTP) gateway.
    expect(trace.services).toEqual(['omnitron-worker', 'omnitron-executions', 'omnitron-gateway']);
    expect(trace.ancestry.map((s) => s.name)).toEqual(['execution.run', 'enqueue run', 'POST /graphql', 'fetch executions', 'POST /graphql']);
    expect(trace.run.attributes).toMatchObject({ 'omnitron.execution.status': 'SUCCEEDED', 'omnitron.job.attempt': 1 });

    // A span per node, children of the run, with its type and outcome.
    expect(trace.nodes.map((s) => s.parentSpanId)).toEqual([trace.run.spanId, trace.run.spanId, trace.run.spanId]);
    expect(trace.nodes.map((s) => [s.attributes['omnitron.node.id'], s.attributes['omnitron.node.type'], s.attributes['omnitron.node.status'], s.attributes['omnitron.node.attempt']]).sort()).toEqual([
      ['double', 'transform', 'SUCCEEDED', 1],
      ['out', 'output', 'SUCCEEDED', 1],
      ['start', 'trigger.manual', 'SUCCEEDED', 1],
    ]);

    // No payload anywhere (the input's marker went through every node and into the output).
    expect(valuesContaining(marker)).toEqual([]);
    expect(receiver.contentTypes).toEqual(new Set(['application/json']));

    // Logs carry the trace id: executions' lines written while it served the mutation.
    expect(processes[0]!.output.split('\n').filter((line) => line.includes(`"trace_id":"${trace.run.traceId}"`)).length).toBeGreaterThan(0);
  });

  it('traces a webhook run from the gateway door through the signed internal forward, naming the route and never the webhook path or its body', async () => {
    const auth = await signUp('tracing-hooks@example.test');
    const path = `traced/${randomUUID()}`;
    const flow = {
      ...FLOW,
      name: 'traced webhook flow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: { x: 0, y: 0 }, data: { path, respond: 'end' } },
        { id: 'double', type: 'transform', position: { x: 200, y: 0 }, data: { expression: '{ "n": $input.body.n * 2, "note": $input.body.note }' } },
        { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'hook-double', source: 'hook', target: 'double' },
        { id: 'double-out', source: 'double', target: 'out' },
      ],
    };
    const { createFlow } = (await graphql('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: flow }, auth)) as { createFlow: { id: string } };
    await graphql('mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: createFlow.id }, auth);
    const marker = `payload-${randomUUID()}`;
    const response = await fetch(`${gatewayUrl}/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 4, note: marker }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ n: 8, note: marker });
    const { executions } = (await graphql('query ($flowId: ID!) { executions(flowId: $flowId, first: 1) { edges { node { id } } } }', { flowId: createFlow.id }, auth)) as {
      executions: { edges: Array<{ node: { id: string } }> };
    };

    const trace = await traceOfRun(executions.edges[0]!.node.id, 3);
    expect(trace.roots).toEqual([['omnitron-gateway', 'POST /webhooks/*']]);
    expect(trace.orphans).toEqual([]);
    expect(trace.services).toEqual(['omnitron-worker', 'omnitron-executions', 'omnitron-gateway']);
    expect(trace.ancestry.map((s) => s.name)).toEqual(['execution.run', 'enqueue run', 'POST /internal/webhooks/*', 'POST /webhooks/*']);
    expect(trace.nodes.map((s) => s.attributes['omnitron.node.type']).sort()).toEqual(['output', 'transform', 'trigger.webhook']);
    expect(valuesContaining(marker)).toEqual([]);
    expect(valuesContaining(path)).toEqual([]);
  });
});
