import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { droppedOf, utf8Length } from '@omnitron/nodes';
import { Execution } from './entities/execution.entity';
import { ExecutionLog } from './entities/execution-log.entity';
import { ERROR_MESSAGE_MAX_BYTES } from './services/truncate';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';
import { EventWriter } from './worker/event-writer';

const flowId = (n: number) => `d7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type StreamEntry = [id: string, fields: string[]];

/** Bytes of the run's Redis stream entries (every field name and value), LOG entries apart. */
async function streamBytes(h: ExecutionsHarness, id: string) {
  const key = `${h.config.REDIS_PREFIX}:exec:{${id}}:events`;
  const entries = (await h.runtime.redis.xrange(key, '-', '+')) as StreamEntry[];
  let logBytes = 0;
  let totalBytes = 0;
  let largestEntry = 0;
  const logs: Array<{ nodeId: string; message: string; data: unknown }> = [];
  for (const [, fields] of entries) {
    const bytes = fields.reduce((sum, field) => sum + Buffer.byteLength(field), 0);
    const field = (name: string) => fields[fields.indexOf(name) + 1]!;
    totalBytes += bytes;
    largestEntry = Math.max(largestEntry, bytes);
    if (field('type') !== 'LOG') continue;
    logBytes += bytes;
    logs.push({ nodeId: field('nodeId'), ...(JSON.parse(field('data')) as { message: string; data: unknown }) });
  }
  return { logBytes, totalBytes, largestEntry, logs };
}

/** Bytes PostgreSQL holds for the run's execution_logs rows (message and data as stored). */
async function logRowBytes(h: ExecutionsHarness, id: string): Promise<{ bytes: number; rows: number }> {
  const [row] = (await h.runtime.orm.em.fork().getConnection().execute(
    `select coalesce(sum(octet_length(message) + coalesce(octet_length(data::text), 0)), 0) as bytes, count(*) as rows
       from execution_logs where execution_id = ?`,
    [id],
  )) as Array<{ bytes: string | number; rows: string | number }>;
  return { bytes: Number(row!.bytes), rows: Number(row!.rows) };
}

/** Plain lines stored plus the lines every stored marker says it stands for. */
function linesAccountedFor(logs: ReadonlyArray<{ data: unknown }>): number {
  return logs.reduce((sum, log) => sum + (droppedOf(log.data)?.lines ?? 1), 0);
}

describe('logs are bounded in bytes with the default limits', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('a code node logging 20 lines of 2 MB stores under NODE_LOGS_MAX_BYTES in Redis and PostgreSQL, with markers, and succeeds', async () => {
    const code = 'const s = "x".repeat(2 * 1024 * 1024); for (let i = 0; i < 20; i++) console.log(s); return { done: true };';
    h.putFlow(alice, flowId(1), chain(node('js', 'code', { code })));
    const { id } = await h.start(alice, flowId(1));
    const done = await h.settled(alice, id, 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { done: true } });

    const limit = h.settings.NODE_LOGS_MAX_BYTES;
    const stream = await streamBytes(h, id);
    expect(stream.logBytes).toBeLessThanOrEqual(limit);
    expect(stream.totalBytes).toBeLessThanOrEqual(limit + 8_192);
    expect((await logRowBytes(h, id)).bytes).toBeLessThanOrEqual(limit);

    const lines = stream.logs.map((log) => log.message);
    expect(lines[0]).toMatch(/^x+… \[truncated [\d,]+ bytes\]$/);
    for (const line of lines) expect(utf8Length(line)).toBeLessThanOrEqual(h.settings.LOG_LINE_MAX_BYTES);
    const kept = lines.length - 1;
    expect(lines.at(-1)).toBe(`[further logs dropped: ${20 - kept} lines, ${((20 - kept) * 2 * 1024 * 1024).toLocaleString('en-US')} bytes]`);
    expect(done.logs.map((log) => log.message)).toEqual(lines);
  });
});

describe('logs, errors and outputs are bounded in bytes per line, node run and run', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const LINE = 4_096;
  const NODE = 32_768;
  const RUN = 65_536;

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ LOG_LINE_MAX_BYTES: String(LINE), NODE_LOGS_MAX_BYTES: String(NODE), RUN_LOGS_MAX_BYTES: String(RUN) });
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  const tenLines = 'for (let i = 0; i < 10; i++) console.log("n".repeat(10_000)); return 1;';

  it('stops a run at RUN_LOGS_MAX_BYTES across nodes, every line stored or counted in a marker', async () => {
    h.putFlow(alice, flowId(2), chain(...['a', 'b', 'c', 'd'].map((id) => node(id, 'code', { code: tenLines }))));
    const { id } = await h.start(alice, flowId(2));
    expect((await h.settled(alice, id, 30_000)).status).toBe('SUCCEEDED');

    const stream = await streamBytes(h, id);
    expect(stream.logBytes).toBeLessThanOrEqual(RUN);
    expect((await logRowBytes(h, id)).bytes).toBeLessThanOrEqual(RUN);
    for (const nodeId of ['a', 'b', 'c', 'd']) {
      const own = stream.logs.filter((log) => log.nodeId === nodeId);
      expect(own.reduce((sum, log) => sum + utf8Length(log.message), 0)).toBeLessThanOrEqual(NODE);
    }
    // The last node's lines all met a full run budget: it is represented by its marker alone.
    expect(stream.logs.filter((log) => log.nodeId === 'd').map((log) => log.message)).toEqual([expect.stringMatching(/^\[further logs dropped: 10 lines, /)]);
    expect(linesAccountedFor(stream.logs)).toBe(40);
  });

  it('bounds LOG events of any node where they are written, not only what the sandbox cut', async () => {
    const id = randomUUID();
    const writer = new EventWriter(h.runtime, id);
    writer.onEngineEvent({ type: 'NODE_STARTED', nodeId: 'chatty', attempt: 1, input: null });
    for (let i = 0; i < 20; i++) writer.onEngineEvent({ type: 'LOG', nodeId: 'chatty', level: 'info', message: 'é'.repeat(1_000_000) });
    writer.onEngineEvent({ type: 'NODE_SUCCEEDED', nodeId: 'chatty', record: { nodeId: 'chatty', status: 'SUCCEEDED', attempts: 1 } });
    await writer.close();

    const stream = await streamBytes(h, id);
    expect(stream.logBytes).toBeLessThanOrEqual(NODE);
    expect((await logRowBytes(h, id)).bytes).toBeLessThanOrEqual(NODE);
    const lines = stream.logs.map((log) => log.message);
    for (const line of lines) expect(utf8Length(line)).toBeLessThanOrEqual(LINE);
    expect(lines[0]).toMatch(/^é+… \[truncated [\d,]+ bytes\]$/);
    const kept = lines.length - 1;
    expect(lines.at(-1)).toBe(`[further logs dropped: ${20 - kept} lines, ${((20 - kept) * 2_000_000).toLocaleString('en-US')} bytes]`);
  });

  it('cuts huge error messages in node runs, attempts, the run and the stream', async () => {
    const code = 'throw new Error("e".repeat(2_000_000))';
    h.putFlow(alice, flowId(3), chain(node('js', 'code', { code, retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 1 } })));
    const { id } = await h.start(alice, flowId(3));
    const done = await h.settled(alice, id, 30_000);
    expect(done.status).toBe('FAILED');
    const run = nodeRunOf(done, 'js');
    const messages = [done.error!.message, run.error!.message, ...run.attemptErrors.map((attempt) => attempt.message)];
    expect(run.attemptErrors).toHaveLength(2);
    for (const message of messages) {
      expect(utf8Length(message)).toBeLessThanOrEqual(ERROR_MESSAGE_MAX_BYTES);
      expect(message).toMatch(/e… \[truncated [\d,]+ bytes\]$/);
    }
    const stream = await streamBytes(h, id);
    expect(stream.largestEntry).toBeLessThan(3 * ERROR_MESSAGE_MAX_BYTES);
  });

  it('stores a huge error passed on as output as a preview in the node run, the next input and the run output', async () => {
    // Under the engine's 1 MiB output limit (so `out` runs), over NODE_OUTPUT_MAX_BYTES.
    const code = 'throw new Error("o".repeat(600_000))';
    h.putFlow(alice, flowId(4), chain(node('js', 'code', { code, onError: 'continue' }), node('out', 'output', { expression: '$' })));
    const { id } = await h.start(alice, flowId(4));
    const done = await h.settled(alice, id, 30_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', outputTruncated: true, output: { $truncated: true } });
    expect(nodeRunOf(done, 'js')).toMatchObject({ outputTruncated: true, output: { $truncated: true } });
    const [sizes] = (await h.runtime.orm.em.fork().getConnection().execute(
      `select max(octet_length(input::text)) as input, max(octet_length(output::text)) as output, max(octet_length(error::text)) as error
         from node_runs where execution_id = ?`,
      [id],
    )) as Array<Record<string, number | null>>;
    for (const size of Object.values(sizes!)) expect(Number(size ?? 0)).toBeLessThan(ERROR_MESSAGE_MAX_BYTES + 1_024);
    expect((await streamBytes(h, id)).largestEntry).toBeLessThan(ERROR_MESSAGE_MAX_BYTES + 4_096);
  });

  it('charges a resumed run with the lines its earlier attempts stored', async () => {
    h.putFlow(alice, flowId(5), chain(node('js', 'code', { code: tenLines })));
    await h.runtime.queue.pause();
    let id = '';
    try {
      ({ id } = await h.start(alice, flowId(5)));
      // What a worker that died mid-node left: a RUNNING row, 100 events, 24 KB of the node's lines.
      const em = h.runtime.orm.em.fork();
      await em.nativeUpdate(Execution, { id }, { status: 'RUNNING', startedAt: new Date() });
      const earlier = Array.from({ length: 6 }, (_, i) => ({ executionId: id, seq: 90 + i, nodeId: 'js', level: 'info', message: 'p'.repeat(4_000), data: null, at: new Date() }));
      await em.insertMany(ExecutionLog, earlier);
      await h.runtime.redis.set(`${h.config.REDIS_PREFIX}:exec:{${id}}:seq`, 100);
    } finally {
      await h.runtime.queue.resume();
    }
    expect((await h.settled(alice, id, 30_000)).status).toBe('SUCCEEDED');
    const stored = await h.runtime.orm.em.fork().find(ExecutionLog, { executionId: id, nodeId: 'js' }, { orderBy: { seq: 'asc' } });
    expect(stored.reduce((sum, log) => sum + utf8Length(log.message), 0)).toBeLessThanOrEqual(NODE);
    expect(stored.at(-1)!.message).toMatch(/^\[further logs dropped: /);
  });
});
