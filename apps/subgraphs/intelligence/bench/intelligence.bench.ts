/**
 * `npm run bench -w @omnitron/intelligence`: routing overhead per call against the raw HTTP call
 * to the same local provider in the same run, and analysis time for a 1,000-node flow.
 * Uses SQLite in a temp dir and a throwaway Redis prefix (REDIS_URL or 127.0.0.1:6379).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { baseConfigSchema, createLogger, createSubgraph, routeOf, signCaller } from '@omnitron/server-kit';
import { analyseFlow } from '../src/analysis/analyse-flow';
import { largeFlow } from '../src/analysis/fixtures';
import { createIntelligenceSubgraph } from '../src/definition';
import { FakeProviderServer } from '../src/test-support/fake-provider-server';

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const WARMUP = 200;
const ANALYSES = Number(process.env.BENCH_ANALYSES ?? 50);

interface Stats { p50: number; p95: number; mean: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const dataDir = mkdtempSync(join(tmpdir(), 'omt-bench-intelligence-'));
const prefix = `omt-bench:intelligence:${randomBytes(4).toString('hex')}`;
const config = baseConfigSchema.parse({ DATA_DIR: dataDir, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
const log = createLogger('intelligence-bench', 'silent');
const fake = await new FakeProviderServer().start();
const definition = createIntelligenceSubgraph({
  encryptionKey: randomBytes(32).toString('base64'),
  // The fake provider listens on loopback: allow-listed, as an operator would a local model server.
  settings: { AI_STREAM: false, AI_PROVIDER_TIMEOUT_MS: 5_000, HTTP_ALLOW_LIST: ['127.0.0.1'] },
});
const signingKey = randomBytes(32).toString('hex');
const subgraph = await createSubgraph(definition, { config, signingKey, log });
const port = await subgraph.listen(0);
const services = definition.services();
const workspaceId = randomUUID();
await services.registry.configure(subgraph.orm.em.fork(), { userId: randomUUID(), workspaceId, role: 'owner', scopes: null }, {
  name: 'local', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('local'), apiKey: 'sk-bench', models: ['bench-model'], taskTypes: ['summarisation'], priority: 0,
});
fake.always('local', { kind: 'ok', text: 'ok' });

const url = `${fake.url('local')}/chat/completions`;
const raw = () =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'hi' }] }),
  }).then((r) => r.json());
const routed = () => services.router.generate(workspaceId, { taskType: 'summarisation', prompt: 'hi', cache: false });
const cached = () => services.router.generate(workspaceId, { taskType: 'summarisation', prompt: 'cached prompt', cache: true });
const redisPing = () => services.redis.get('bench:nothing');
const caller = { userId: randomUUID(), workspaceId, role: 'editor' as const, scopes: null };
const viaRoute = () =>
  fetch(`http://127.0.0.1:${port}/internal/ai/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signCaller(signingKey, routeOf('POST', '/internal/ai/generate'), caller) },
    body: JSON.stringify({ taskType: 'summarisation', prompt: 'hi', cache: false }),
  }).then((r) => r.json());

for (let i = 0; i < WARMUP; i++) {
  await raw();
  await routed();
  await viaRoute();
}
await cached();
const rawSamples: number[] = [];
const routedSamples: number[] = [];
const cachedSamples: number[] = [];
const routeSamples: number[] = [];
const redisSamples: number[] = [];
// Interleaved, so both see the same machine load.
for (let i = 0; i < CALLS; i++) {
  rawSamples.push(await time(raw));
  routedSamples.push(await time(routed));
  cachedSamples.push(await time(cached));
  routeSamples.push(await time(viaRoute));
  redisSamples.push(await time(redisPing));
}

/** CPU per call (user + system, this process): what the router itself costs, whatever the machine's load. */
async function cpuPerCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}
const cpuRaw = await cpuPerCall(raw, CALLS);
const cpuRouted = await cpuPerCall(routed, CALLS);
const cpuRaw2 = await cpuPerCall(raw, CALLS);

const flow = largeFlow(100, 10);
for (let i = 0; i < 5; i++) analyseFlow(flow);
const analysisSamples: number[] = [];
for (let i = 0; i < ANALYSES; i++) analysisSamples.push(await time(async () => analyseFlow(flow)));

const rows: Array<[string, Stats]> = [
  ['raw HTTP call to local provider', stats(rawSamples)],
  ['routed call (same provider)', stats(routedSamples)],
  ['routed call served from cache', stats(cachedSamples)],
  ['POST /internal/ai/generate (signed, over HTTP)', stats(routeSamples)],
  ['one Redis round trip (floor of shared state)', stats(redisSamples)],
  [`analyseFlow, ${flow.nodes.length} nodes / ${flow.edges.length} edges`, stats(analysisSamples)],
];
const r = stats(rawSamples);
const g = stats(routedSamples);
const fmt = (x: number) => x.toFixed(3).padStart(9);
console.log(`\nintelligence bench — ${CALLS} calls each (interleaved), ${ANALYSES} analyses\n`);
console.log(`${'case'.padEnd(52)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'mean ms'.padStart(9)}`);
for (const [name, s] of rows) console.log(`${name.padEnd(52)}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.mean)}`);
console.log(`\nCPU per call (process.cpuUsage): raw ${((cpuRaw + cpuRaw2) / 2).toFixed(3)} ms, routed ${cpuRouted.toFixed(3)} ms, router's own CPU ${(cpuRouted - (cpuRaw + cpuRaw2) / 2).toFixed(3)} ms`);
console.log(`routing overhead: p50 ${(g.p50 - r.p50).toFixed(3)} ms, p95 ${(g.p95 - r.p95).toFixed(3)} ms, mean ${(g.mean - r.mean).toFixed(3)} ms (goal: < 1 ms at p50)\n`);

await subgraph.close();
await fake.close();
const redis = new Redis(config.REDIS_URL);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
  if (keys.length) await redis.del(...keys);
  cursor = next;
} while (cursor !== '0');
redis.disconnect();
rmSync(dataDir, { recursive: true, force: true });
