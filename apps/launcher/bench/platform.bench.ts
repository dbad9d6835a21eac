/**
 * End-to-end benchmarks of the whole platform through the gateway, started exactly as `npm start`
 * starts it (the launcher, PostgreSQL via DATABASE_URL or the embedded SQLite (BENCH_DATABASE), Redis,
 * WORKERS worker processes).
 * Loopback only; every loop is bounded in count and time; the launcher is stopped and the
 * throwaway databases and Redis keys are removed whatever happens.
 *
 *   npm run bench -w @omnitron/launcher          (sizes: see settings.ts)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient } from './gateway-client';
import { bareTsxStartMs, LauncherProcess } from './launcher-process';
import { percentile } from './load';
import { freePortBase } from '../src/ports';
import { CpuMeter } from './process-cpu';
import { memorySummary, MemoryMeter, totalBytes, totalPssBytes } from './process-memory';
import { cpuTotal, latencySummary, ms, perSecond, printTable, printVerdicts, type ReportRow } from './report';
import { benchSettingsSchema } from './settings';
import { measureExecutions } from './scenarios/executions';
import { measureSaveLoad } from './scenarios/flow-save-load';
import { checkFlowsPage, FLOWS_PAGE_QUERY, FLOWS_PAGE_WITHOUT_OWNER_QUERY, measureQuery, seedFlows, TYPENAME_QUERY } from './scenarios/flows-list';
import { measureRawBullmq } from './scenarios/raw-bullmq';
import { measureWebhooks, registerWebhook } from './scenarios/webhooks';
import { benchEphemeralWebhooks } from './branching-webhooks-stage';
import { nodeOnly, progress, settle, type Run } from './bench-run';
import { countOwnedFlows } from './flow-rows';
import { deleteRedisKeys } from './throwaway-stores';
import { postgresBenchDatabase, sqliteBenchDatabase } from './bench-database';
import { OtlpSink } from './otlp-sink';

const LIST_P99_TARGET_MS = 50;
const EXECUTIONS_RATIO_TARGET = 0.5;


async function benchFlowsList(run: Run, client: GatewayClient, email: string): Promise<void> {
  const { settings, rows, verdicts } = run;
  progress(`seeding ${settings.BENCH_FLOWS} flows`);
  const seeded = await seedFlows(client, settings.BENCH_FLOWS, settings.BENCH_SEED_BATCH, 4, 600_000);
  const owned = await countOwnedFlows(run.database);
  rows.push({
    measure: `1. seed flows (createFlow x${settings.BENCH_SEED_BATCH} per request, 4 at a time)`,
    figure: perSecond(seeded.created / (seeded.elapsedMs / 1000)),
    detail: `${seeded.created} created in ${(seeded.elapsedMs / 1000).toFixed(1)} s; rows in the flows database: ${owned.rows} (${owned.owners} owner)`,
    load: seeded.load,
  });
  await settle(run, `seeding ${seeded.created} flows`);
  await client.refresh();
  const bounds = { clients: settings.BENCH_LIST_CLIENTS, total: settings.BENCH_LIST_REQUESTS, maxMs: settings.BENCH_MAX_MS, meter: run.meter, traceDir: settings.BENCH_TRACE_DIR };
  progress('flows list and its { __typename } baseline');
  await measureQuery(client, FLOWS_PAGE_QUERY, { ...bounds, total: 100 }); // warm caches and connections
  const baseline = await measureQuery(client, TYPENAME_QUERY, bounds);
  const { meter: _unmeasured, ...unmetered } = bounds;
  const warmup = { ...unmetered, total: settings.BENCH_LIST_WARMUP };
  await measureQuery(client, FLOWS_PAGE_WITHOUT_OWNER_QUERY, warmup, checkFlowsPage());
  const withoutOwner = await measureQuery(client, FLOWS_PAGE_WITHOUT_OWNER_QUERY, bounds, checkFlowsPage());
  await measureQuery(client, FLOWS_PAGE_QUERY, warmup, checkFlowsPage(email));
  const list = await measureQuery(client, FLOWS_PAGE_QUERY, bounds, checkFlowsPage(email));
  rows.push(
    { measure: `1. baseline { __typename }, ${bounds.clients} clients`, figure: perSecond(baseline.perSecond), detail: latencySummary(baseline), load: baseline.load, cpu: baseline.cpuPerOp },
    {
      measure: `1. flows(first: 50) { id name } (no identity hop), ${bounds.clients} clients`,
      figure: perSecond(withoutOwner.perSecond),
      detail: latencySummary(withoutOwner),
      load: withoutOwner.load,
      cpu: withoutOwner.cpuPerOp,
    },
    { measure: `1. flows(first: 50) + owner email, ${bounds.clients} clients`, figure: perSecond(list.perSecond), detail: latencySummary(list), load: list.load, cpu: list.cpuPerOp },
  );
  const p99 = percentile(list.latencies, 99);
  verdicts.push(
    `flows list (issue 5): p99 ${ms(p99)} vs target < ${LIST_P99_TARGET_MS} ms on ${run.database.label} -> ${p99 < LIST_P99_TARGET_MS && list.failed === 0 ? 'MET' : 'NOT MET'}` +
      ` (baseline p99 ${ms(percentile(baseline.latencies, 99))}; ${owned.rows} flows; load ${list.load[1].toFixed(2)})`,
    // Little's law with the machine all ours: clients x CPU per request / cores is the mean latency floor.
    `flows list CPU (Node processes and PostgreSQL backends if any, bench client included): ${ms(cpuTotal(list.cpuPerOp))} per request -> on an idle ${cpus().length}-core machine ` +
      `${bounds.clients} clients wait >= ${ms((bounds.clients * cpuTotal(list.cpuPerOp)) / cpus().length)} on average (baseline: ${ms(cpuTotal(baseline.cpuPerOp))} per request)`,
  );
}

async function benchSaveLoad(run: Run, client: GatewayClient): Promise<void> {
  await settle(run, 'the flows list');
  progress('save/load');
  await client.refresh();
  const small = await measureSaveLoad(client, 4, run.settings.BENCH_SAVE_ROUNDS, run.meter);
  const big = await measureSaveLoad(client, run.settings.BENCH_BIG_FLOW_NODES, run.settings.BENCH_SAVE_ROUNDS, run.meter);
  for (const r of [small, big]) {
    const what = `${r.nodes}-node flow (${(r.documentBytes / 1024).toFixed(0)} KiB)`;
    run.rows.push(
      { measure: `2. save ${what}${r === small ? ' [baseline]' : ''}`, figure: ms(r.saveMs.p50), detail: `updateFlow+expectedVersion, p50 of ${r.rounds}, max ${ms(r.saveMs.max)}; CPU is per save+load`, load: r.load, cpu: r.cpuPerRound },
      { measure: `2. load ${what}${r === small ? ' [baseline]' : ''}`, figure: ms(r.loadMs.p50), detail: `flow(id) { nodes edges }, p50 of ${r.rounds}, max ${ms(r.loadMs.max)}`, load: r.load },
    );
  }
  run.verdicts.push(
    `save/load ${big.nodes} nodes: ${ms(big.saveMs.p50)} per save, ${ms(big.loadMs.p50)} per load (4 nodes: ${ms(small.saveMs.p50)} / ${ms(small.loadMs.p50)}); no target set`,
  );
}

async function benchExecutions(run: Run, client: GatewayClient, redisPrefix: string): Promise<number> {
  const { settings } = run;
  await settle(run, 'save/load');
  progress('raw BullMQ baseline');
  const raw = await measureRawBullmq({
    redisUrl: settings.REDIS_URL,
    prefix: `${redisPrefix}:raw-bull`,
    jobs: settings.BENCH_RAW_JOBS,
    producers: settings.BENCH_RUN_CLIENTS,
    workers: settings.WORKERS,
    concurrency: settings.WORKER_CONCURRENCY,
    maxMs: settings.BENCH_MAX_MS,
    meter: run.meter,
  });
  progress('executions through the gateway');
  await client.refresh();
  const runs = await measureExecutions(client, { clients: settings.BENCH_RUN_CLIENTS, runs: settings.BENCH_RUNS, warmupRuns: 100, maxMs: settings.BENCH_MAX_MS, meter: run.meter });
  const ratio = runs.perSecond / raw.perSecond;
  const workers = `${settings.WORKERS} x concurrency ${settings.WORKER_CONCURRENCY}`;
  run.rows.push(
    { measure: `3a. raw BullMQ empty job add->completed, ${settings.BENCH_RUN_CLIENTS} producers`, figure: perSecond(raw.perSecond), detail: `${latencySummary(raw)}; in-process workers ${workers}`, load: raw.load, cpu: raw.cpuPerOp },
    {
      measure: `3b. 4-node executions via gateway, ${settings.BENCH_RUN_CLIENTS} clients, tracing ${settings.BENCH_TRACING}`,
      figure: perSecond(runs.perSecond),
      detail: `start->SUCCEEDED ${latencySummary(runs)}; ${tracingSummary(run)}; waited by ${runs.mode}${runs.fallbackReason ? ` (subscription failed: ${runs.fallbackReason})` : ''}${runs.resumes ? `; ${runs.resumes} subscriptions resumed with afterSeq after: ${runs.resumeReason}` : ''}; worker processes ${workers}`,
      load: runs.load,
      cpu: runs.cpuPerOp,
    },
  );
  run.verdicts.push(
    `executions (issue 6), tracing ${settings.BENCH_TRACING}: (b)/(a) = ${(ratio * 100).toFixed(1)} % vs goal >= ${EXECUTIONS_RATIO_TARGET * 100} % -> ${ratio >= EXECUTIONS_RATIO_TARGET && runs.failed === 0 ? 'MET' : 'NOT MET'}` +
      ` (${perSecond(runs.perSecond)} vs ${perSecond(raw.perSecond)}; p99 ${ms(percentile(runs.latencies, 99))})`,
    // Node processes only (the table shows the run's PostgreSQL backends too); Redis server CPU is shared with other jobs and not counted.
    `executions CPU (Node processes): ${ms(cpuTotal(nodeOnly(runs.cpuPerOp)))} per run vs ${ms(cpuTotal(nodeOnly(raw.cpuPerOp)))} per raw job -> ` +
      `even with the ${cpus().length} cores to itself (b) stays <= ${perSecond((cpus().length * 1000) / cpuTotal(nodeOnly(runs.cpuPerOp)))}`,
  );
  return runs.perSecond;
}

/** Resident memory of every platform process once it is quiet (the launcher's own line included). */
async function benchIdleMemory(run: Run): Promise<void> {
  await settle(run, 'start-up');
  const idle = run.memory.snapshot();
  run.rows.push({ measure: '0. memory idle (RSS of every process, MB)', figure: `${(totalBytes(idle) / 1_048_576).toFixed(0)} MB`, detail: memorySummary(idle), load: [loadavg()[0]!, loadavg()[0]!] });
  run.verdicts.push(`memory idle: RSS ${(totalBytes(idle) / 1_048_576).toFixed(0)} MB, PSS ${(totalPssBytes(idle) / 1_048_576).toFixed(0)} MB over ${run.memory.processCount} processes and the launcher (target <= 350 MB)`);
}

async function benchWebhooks(run: Run, client: GatewayClient, hex: string, executionsPerSecond?: number): Promise<void> {
  const { settings } = run;
  await settle(run, executionsPerSecond === undefined ? 'start-up' : 'executions');
  progress('webhooks');
  await client.refresh();
  const registration = await registerWebhook(client, `bench-${hex}`, 5_000);
  const sampler = run.memory.sampleDuring();
  const hooks = await measureWebhooks(client, registration.path, { clients: settings.BENCH_WEBHOOK_CLIENTS, total: settings.BENCH_WEBHOOK_RUNS, maxMs: settings.BENCH_MAX_MS, meter: run.meter });
  const loaded = sampler.stop();
  run.rows.push({
    measure: `4. memory under the webhook load (peak RSS, MB)`,
    figure: `${(loaded.peakTotalBytes / 1_048_576).toFixed(0)} MB`,
    detail: `highest total; each process's own peak: ${memorySummary(loaded.peaks, loaded.peakTotalBytes, loaded.peakTotalPssBytes)}`,
    load: hooks.load,
  });
  run.verdicts.push(`memory under the webhook load: peak RSS ${(loaded.peakTotalBytes / 1_048_576).toFixed(0)} MB, PSS ${(loaded.peakTotalPssBytes / 1_048_576).toFixed(0)} MB (target <= 480 MB)`);
  const how = registration.registeredOnSaveAfterMs !== undefined ? `registered by createFlow after ${ms(registration.registeredOnSaveAfterMs)}` : `NOT registered on save (${registration.explicitSyncReason}); registered with syncFlowTriggers`;
  run.rows.push({
    measure: `4. webhook respond:end runs, ${settings.BENCH_WEBHOOK_CLIENTS} clients`,
    figure: perSecond(hooks.perSecond),
    detail: `${latencySummary(hooks)}; ${how}`,
    load: hooks.load,
    cpu: hooks.cpuPerOp,
  });
  const share = executionsPerSecond === undefined ? '' : `, ${((hooks.perSecond / executionsPerSecond) * 100).toFixed(0)} % of 3b's rate`;
  run.verdicts.push(
    `webhooks: ${perSecond(hooks.perSecond)} sync runs (p50 ${ms(percentile(hooks.latencies, 50))}, p99 ${ms(percentile(hooks.latencies, 99))})${share}; ` +
      (registration.registeredOnSaveAfterMs !== undefined ? 'flow save registers the webhook' : 'flow save does NOT register the webhook yet: measured after an explicit syncFlowTriggers'),
  );
}

/** Whether the platform traced, and what its receiver got so far. */
function tracingSummary(run: Run): string {
  return run.sink ? `tracing on: ${run.sink.spans} spans received in ${run.sink.exports} exports so far` : 'tracing off (no OTLP endpoint: no SDK loaded)';
}

async function main(): Promise<void> {
  const settings = benchSettingsSchema.parse(process.env);
  const hex = randomBytes(4).toString('hex');
  const databaseName = `omt_bench_${hex}`;
  const redisPrefix = `omt-bench:${hex}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'omt-bench-'));
  const port = await freePortBase();
  const sink = settings.BENCH_TRACING === 'on' ? new OtlpSink() : undefined;
  const tracing = sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: await sink.start() } : {};
  const database = settings.BENCH_DATABASE === 'sqlite' ? sqliteBenchDatabase(dataDir) : postgresBenchDatabase(settings.BENCH_POSTGRES_URL, databaseName);
  const { DATABASE_URL: _ignored, OTEL_EXPORTER_OTLP_ENDPOINT: _notInherited, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: _neither, ...inherited } = process.env;
  const launcher = new LauncherProcess({
    ...inherited,
    PORT: String(port),
    DATA_DIR: dataDir,
    ...database.env,
    WORKERS: String(settings.WORKERS),
    WORKER_CONCURRENCY: String(settings.WORKER_CONCURRENCY),
    REDIS_PREFIX: redisPrefix,
    REGISTRATIONS_PER_HOUR: '1000',
    GATEWAY_REQUESTS_PER_MINUTE: '10000000',
    // The ephemeral stage posts thousands of webhooks a minute to one path.
    WEBHOOK_REQUESTS_PER_MINUTE: '10000000',
    // Seeding sends BENCH_SEED_BATCH aliased createFlows per request, more than MAX_ROOT_FIELDS allows by default.
    MAX_ROOT_FIELDS: String(Math.max(20, settings.BENCH_SEED_BATCH)),
    MAX_ALIASES: String(Math.max(30, settings.BENCH_SEED_BATCH)),
    ...tracing,
  });
  const rows: ReportRow[] = [];
  const verdicts: string[] = [];
  const settles: string[] = [];
  let failed = false;
  let client: GatewayClient | undefined;
  let cleanedUp: Promise<void> | undefined;
  const cleanUp = () =>
    (cleanedUp ??= (async () => {
      const code = await launcher.stop();
      await sink?.close();
      const dropped = await database.drop().catch((e: unknown) => [`drop failed: ${String(e)}`]);
      const keys = await deleteRedisKeys(settings.REDIS_URL, redisPrefix).catch(() => -1);
      // Process logs explain failed requests and resumed streams: keep them when there were any.
      const keep = failed || settings.BENCH_KEEP_DATA === '1' || rows.some((r) => / failed|resumed/.test(r.detail));
      if (keep) console.log(`process logs kept in ${dataDir}/logs`);
      else rmSync(dataDir, { recursive: true, force: true });
      console.log(`launcher exited with ${code}; dropped ${dropped.join(', ') || 'no databases'}; deleted ${keys} Redis keys under ${redisPrefix}`);
    })());
  const interrupted = () => {
    console.error('interrupted: stopping the platform and removing throwaway data');
    failed = true;
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const floorMs = await bareTsxStartMs();
    const started = await launcher.start(180_000);
    const run: Run = { settings, database, sink, meter: new CpuMeter(launcher.pid!, databaseName), memory: new MemoryMeter(launcher.pid!), settles, rows, verdicts };
    console.log(`platform up at ${started.baseUrl} (${database.label}${database.env.DATABASE_URL ? ` ${databaseName}*` : ''}, Redis prefix ${redisPrefix}, data ${dataDir})`);
    run.rows.push({
      measure: '5. cold start: spawn -> "Omnitron is running"',
      figure: ms(started.coldStartMs),
      detail: `launcher says ${ms(started.launcherReportedMs)}; baseline: one bare \`node --import tsx\` ${ms(floorMs)} (platform = ${run.memory.processCount} processes)`,
      load: started.load,
    });
    run.verdicts.push(`cold start: ${(started.coldStartMs / 1000).toFixed(1)} s to the running line (fresh ${run.database.label} databases, migrations included)`);
    client = new GatewayClient(started.baseUrl);
    const email = `bench-${hex}@example.test`;
    await client.register(email, `bench-password-${hex}`, 'Bench User');
    await benchIdleMemory(run);
    if (settings.BENCH_ONLY === 'executions') {
      await benchExecutions(run, client, redisPrefix);
    } else if (settings.BENCH_ONLY === 'webhooks') {
      await benchWebhooks(run, client, hex);
      await benchEphemeralWebhooks(run, client, hex);
    } else if (settings.BENCH_ONLY === 'ephemeral') {
      await benchEphemeralWebhooks(run, client, hex, false);
    } else {
      await benchFlowsList(run, client, email);
      if (settings.BENCH_ONLY === 'all') {
        await benchSaveLoad(run, client);
        const executionsPerSecond = await benchExecutions(run, client, redisPrefix);
        await benchWebhooks(run, client, hex, executionsPerSecond);
        await benchEphemeralWebhooks(run, client, hex);
      }
    }
  } catch (error) {
    failed = true;
    console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    console.error(`launcher output:\n${launcher.tail()}\nprocess logs kept in ${dataDir}/logs`);
  } finally {
    client?.close();
    await cleanUp();
  }
  if (rows.length > 0) {
    printTable('Omnitron end-to-end benchmarks (through the gateway)', rows);
    printVerdicts(verdicts);
    console.log(`\nPlatform quiet before each stage (background CPU < 100 ms/s over 2 s):\n  - ${settles.join('\n  - ')}`);
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
