import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, createLogger, openDatabase } from '@omnitron/server-kit';
import { AiCallAttempt } from '/work/main/apps/subgraphs/intelligence/src/entities/ai-call-attempt.entity';
import { AiProvider } from '/work/main/apps/subgraphs/intelligence/src/entities/ai-provider.entity';
import { AiRoute } from '/work/main/apps/subgraphs/intelligence/src/entities/ai-route.entity';
import { FlowNodeTiming } from '/work/main/apps/subgraphs/intelligence/src/entities/flow-node-timing.entity';
import { FlowSearchDocument } from '/work/main/apps/subgraphs/intelligence/src/entities/flow-search-document.entity';
import { migrations } from '/work/main/apps/subgraphs/intelligence/src/migrations';
import { openIntelligenceServices } from '/work/main/apps/subgraphs/intelligence/src/services/intelligence-services';
import { FakeProviderServer } from '/work/main/apps/subgraphs/intelligence/src/test-support/fake-provider-server';
import { adapters, attemptSignal } from '/work/main/apps/subgraphs/intelligence/src/providers';
const dataDir = mkdtempSync(join(tmpdir(), 'omt-prof-'));
const config = baseConfigSchema.parse({ DATA_DIR: dataDir, REDIS_PREFIX: 'omt-prof:' + randomBytes(3).toString('hex'), LOG_LEVEL: 'silent' });
const log = createLogger('p', 'silent');
const fake = await new FakeProviderServer().start();
const orm = await openDatabase({ subgraph: 'intelligence', entities: [AiProvider, AiRoute, AiCallAttempt, FlowSearchDocument, FlowNodeTiming], migrations, dataDir });
const s = await openIntelligenceServices(orm, { config, signingKey: 'x', log }, { encryptionKey: randomBytes(32).toString('base64'), settings: { AI_STREAM: false } });
const ws = randomUUID();
await s.registry.configure(orm.em.fork(), ws, { name: 'local', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('local'), apiKey: 'k', models: ['m'], taskTypes: ['summarisation'], priority: 0 });
const cat = await s.catalog.forWorkspace(ws);
const p = cat.providers[0]!;
async function t(name: string, fn: () => Promise<unknown>) { for (let i = 0; i < 200; i++) await fn(); const xs: number[] = []; for (let i = 0; i < 1000; i++) { const a = performance.now(); await fn(); xs.push(performance.now() - a); } xs.sort((a, b) => a - b); console.log(name.padEnd(20), xs[500]!.toFixed(3)); }




await t('adapter', () => adapters.OPENAI_COMPATIBLE.complete({ baseUrl: p.baseUrl, apiKey: 'k' }, { model: 'm', prompt: 'hi', stream: false }, attemptSignal(5000)));

await t('raw', () => fetch(p.baseUrl + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }) }).then((r) => r.json()));
await t('router', () => s.router.generate(ws, { taskType: 'summarisation', prompt: 'hi', cache: false }));
await t('router2', () => s.router.generate(ws, { taskType: 'summarisation', prompt: 'hi', cache: false }));
await t('raw', () => fetch(p.baseUrl + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }) }).then((r) => r.json()));
await t('router3', () => s.router.generate(ws, { taskType: 'summarisation', prompt: 'hi', cache: false }));
await s.close(); await orm.close(); await fake.close(); process.exit(0);
