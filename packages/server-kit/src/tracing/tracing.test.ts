import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFromCarrier, inSpan, SpanKind, startTracing, traceCarrier, traceLogFields, tracingEnabled, type Tracing } from './tracing';

const run = promisify(execFile);

/** What a process reports of tracing after `startTracing` with `env`: run apart, so nothing was loaded before. */
async function tracingInFreshProcess(env: Record<string, string>): Promise<{ enabled: boolean; recording: boolean; headers: Record<string, string>; loaded: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'omt-tracing-'));
  const script = join(dir, 'probe.mts');
  writeFileSync(
    script,
    `
import { registerHooks } from 'node:module';
const resolved = new Set<string>();
registerHooks({ resolve(specifier, context, next) { resolved.add(specifier); return next(specifier, context); } });
const { injectTraceHeaders, inSpan, startTracing } = await import(${JSON.stringify(new URL('./tracing.ts', import.meta.url).href)});
const tracing = await startTracing('gateway', ${JSON.stringify(env)});
const headers: Record<string, string> = {};
const recording = await inSpan('gateway', 'probe', {}, async (span) => {
  injectTraceHeaders(headers);
  return span.isRecording();
});
const loaded = [...resolved].filter((name) => name.startsWith('@opentelemetry/') && name !== '@opentelemetry/api');
console.log(JSON.stringify({ enabled: tracing.enabled, recording, headers, loaded }));
await tracing.shutdown();
`,
  );
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: new URL('.', import.meta.url).pathname });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { enabled: boolean; recording: boolean; headers: Record<string, string>; loaded: string[] };
}

describe('tracing off', () => {
  it('loads no SDK module and creates no exporter when no OTLP endpoint is set: spans are the API no-op and nothing is propagated', async () => {
    expect(await tracingInFreshProcess({})).toEqual({ enabled: false, recording: false, headers: {}, loaded: [] });
    expect(await tracingInFreshProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SDK_DISABLED: 'true' })).toEqual({ enabled: false, recording: false, headers: {}, loaded: [] });
  }, 60_000);

  it('loads the SDK and its OTLP exporter when the endpoint is set', async () => {
    const probe = await tracingInFreshProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(probe).toMatchObject({ enabled: true, recording: true });
    expect(probe.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(probe.loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace', '@opentelemetry/exporter-trace-otlp-http']));
  }, 60_000);

  it('refuses an endpoint that is not an http(s) URL, naming the setting', async () => {
    await expect(startTracing('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).rejects.toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

interface ExportedSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly kind: number;
}

describe('tracing on', () => {
  const exports: Array<{ service: string; spans: ExportedSpan[] }> = [];
  let receiver: Server;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: ExportedSpan[] }> }>;
        };
        for (const { resource, scopeSpans } of body.resourceSpans) {
          const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          exports.push({ service, spans: scopeSpans.flatMap((s) => s.spans) });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    tracing = await startTracing('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/` });
  });

  afterAll(async () => {
    await tracing?.shutdown();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('continues a job carrier in another role, puts the ids on log lines inside a span only, and exports each role under its own service.name', async () => {
    expect(tracingEnabled()).toBe(true);
    expect(traceLogFields()).toEqual({});
    let carried: ReturnType<typeof traceCarrier>;
    let fields: Record<string, string> = {};
    await inSpan('executions', 'enqueue run', { kind: SpanKind.PRODUCER }, async (span) => {
      carried = traceCarrier();
      fields = { ...traceLogFields() };
      expect(fields).toEqual({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
    });
    expect(carried!.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // As a worker does with the job's data, with nothing active.
    await inSpan('worker', 'execution.run', { kind: SpanKind.CONSUMER, parent: contextFromCarrier(carried) }, async () => {
      await expect(inSpan('worker', 'node transform', {}, () => Promise.reject(new TypeError('boom')))).rejects.toThrow('boom');
    });
    await tracing.shutdown(); // exports what is left
    const byName = new Map(exports.flatMap(({ service, spans }) => spans.map((span) => [span.name, { service, ...span }])));
    const enqueue = byName.get('enqueue run')!;
    const runSpan = byName.get('execution.run')!;
    const node = byName.get('node transform')!;
    expect([enqueue.service, runSpan.service, node.service]).toEqual(['omnitron-executions', 'omnitron-worker', 'omnitron-worker']);
    expect(enqueue.traceId).toBe(fields.trace_id);
    expect(runSpan).toMatchObject({ traceId: enqueue.traceId, parentSpanId: enqueue.spanId });
    expect(node).toMatchObject({ traceId: enqueue.traceId, parentSpanId: runSpan.spanId, status: { code: 2, message: 'TypeError' } });
    expect(tracingEnabled()).toBe(false);
  });
});
