import { loadavg } from 'node:os';
import { settle, progress, nodeOnly, type Run } from './bench-run';
import { countEphemeralRuns } from './execution-rows';
import type { GatewayClient } from './gateway-client';
import { percentile, type LoadBounds, type LoadResult } from './load';
import { CpuMeter } from './process-cpu';
import { cpuTotal, latencySummary, ms, perSecond, type ReportRow } from './report';
import { measureBare, measureBranchingWebhook, registerBranchingWebhook, startBareWorkload } from './scenarios/ephemeral-webhooks';
import { nodeRedEntry, startNodeRed } from './scenarios/node-red';

/**
 * The issue-17 workload (webhook -> set -> IF -> set per branch -> respond) at
 * BENCH_EPHEMERAL_CLIENTS clients, three ways in one run: a bare node:http server doing the same
 * logic in the bench process (the floor), the flow run durably (queue, worker, every node
 * committed) and the same flow set `ephemeral` (run in the API process, recorded afterwards).
 */
export async function benchEphemeralWebhooks(run: Run, client: GatewayClient, hex: string, withDurable = true): Promise<void> {
  const { settings } = run;
  const clients = settings.BENCH_EPHEMERAL_CLIENTS;
  const bounds = { clients, maxMs: settings.BENCH_MAX_MS, meter: run.meter };
  await settle(run, 'the webhook stage');
  progress(`bare node:http, same workload, ${clients} clients`);
  const bare = await startBareWorkload();
  let bareResult;
  try {
    await measureBare(bare.url, { ...bounds, total: 500, meter: undefined });
    bareResult = await measureBare(bare.url, { ...bounds, total: settings.BENCH_EPHEMERAL_RUNS });
  } finally {
    await bare.close();
  }
  const nodeRed = await benchNodeRed(settings.BENCH_NODE_RED_DIR, { ...bounds, total: settings.BENCH_EPHEMERAL_RUNS });
  await client.refresh();
  const ephemeralPath = await registerBranchingWebhook(client, `bench-ephemeral-${hex}`, true);
  let durable: LoadResult | undefined;
  let durableAlone: LoadResult | undefined;
  if (withDurable) {
    const durablePath = await registerBranchingWebhook(client, `bench-durable-${hex}`, false);
    progress(`durable branching webhook, ${clients} clients`);
    await measureBranchingWebhook(client.baseUrl, durablePath, { ...bounds, total: 100, meter: undefined });
    durable = await measureBranchingWebhook(client.baseUrl, durablePath, { ...bounds, total: settings.BENCH_WEBHOOK_RUNS });
    await settle(run, 'durable branching webhooks');
    // The issue's latency target is for one client: a run's own path, no queueing behind others.
    progress('durable branching webhook, 1 client');
    durableAlone = await measureBranchingWebhook(client.baseUrl, durablePath, { ...bounds, clients: 1, total: 300 });
    await settle(run, 'durable branching webhooks, 1 client');
  }
  progress(`ephemeral branching webhook, ${clients} clients`);
  await measureBranchingWebhook(client.baseUrl, ephemeralPath, { ...bounds, total: 500, meter: undefined });
  const ephemeral = await measureBranchingWebhook(client.baseUrl, ephemeralPath, { ...bounds, total: settings.BENCH_EPHEMERAL_RUNS });
  await settle(run, 'ephemeral webhooks');
  const recorded = await countEphemeralRuns(run.database);
  const sent = 1 + 500 + ephemeral.completed;
  run.rows.push(
    { measure: `6a. bare node:http, same workload, ${clients} clients [baseline]`, figure: perSecond(bareResult.perSecond), detail: `${latencySummary(bareResult)}; server in the bench process`, load: bareResult.load, cpu: bareResult.cpuPerOp },
    nodeRed.row,
    ...(durable ? [{ measure: `6b. durable webhook set->IF->set->respond, ${clients} clients`, figure: perSecond(durable.perSecond), detail: latencySummary(durable), load: durable.load, cpu: durable.cpuPerOp }] : []),
    ...(durableAlone ? [{ measure: '6b. durable webhook set->IF->set->respond, 1 client', figure: `p50 ${ms(percentile(durableAlone.latencies, 50))}`, detail: `${perSecond(durableAlone.perSecond)}; ${latencySummary(durableAlone)}`, load: durableAlone.load, cpu: durableAlone.cpuPerOp }] : []),
    {
      measure: `6c. ephemeral webhook set->IF->set->respond, ${clients} clients`,
      figure: perSecond(ephemeral.perSecond),
      detail: `${latencySummary(ephemeral)}; ephemeral runs recorded ${recorded.runs} of ${sent} sent, ${recorded.nodeRuns} node runs`,
      load: ephemeral.load,
      cpu: ephemeral.cpuPerOp,
    },
  );
  if (durableAlone) {
    const p50 = percentile(durableAlone.latencies, 50);
    run.verdicts.push(`durable webhook p50 for a single client (#17, ${run.database.label}): ${ms(p50)} vs target < 10 ms -> ${p50 < 10 && durableAlone.failed === 0 ? 'MET' : 'NOT MET'}`);
  }
  run.verdicts.push(
    `ephemeral webhooks (#17, ${run.database.label}): ${perSecond(ephemeral.perSecond)} at ${clients} clients vs target >= 2,000 -> ${ephemeral.perSecond >= 2_000 && ephemeral.failed === 0 ? 'MET' : 'NOT MET'}` +
      ` (${durable ? `durable ${perSecond(durable.perSecond)}, ` : ''}bare node:http ${perSecond(bareResult.perSecond)}, Node-RED ${nodeRed.result ? perSecond(nodeRed.result.perSecond) : 'not installed'}; Node CPU per run ${ms(cpuTotal(nodeOnly(ephemeral.cpuPerOp)))}${durable ? ` vs durable ${ms(cpuTotal(nodeOnly(durable.cpuPerOp)))}` : ''};` +
      ` recorded ${recorded.runs} of ${sent} ephemeral runs)`,
  );
}

/**
 * Node-RED on the same workload, same client and load, where it is installed (BENCH_NODE_RED_DIR,
 * or resolvable from here): the other platform the issue compares with. Its process's CPU per
 * request is metered like the platform's, and its memory idle and after the load reported.
 */
async function benchNodeRed(dir: string | undefined, bounds: LoadBounds): Promise<{ row: ReportRow; result?: LoadResult }> {
  const measure = `6d. Node-RED, same workload (keeps nothing), ${bounds.clients} clients [baseline]`;
  const entry = nodeRedEntry(dir);
  if (!entry) return { row: { measure, figure: '-', detail: 'Node-RED not installed (set BENCH_NODE_RED_DIR to a folder holding node_modules/node-red)', load: [loadavg()[0]!, loadavg()[0]!], cpu: [] } };
  progress(`Node-RED (${entry}), same workload, ${bounds.clients} clients`);
  const nodeRed = await startNodeRed(entry);
  try {
    const meter = new CpuMeter([{ pid: nodeRed.pid, role: 'node-red' }]);
    const idleMb = nodeRed.rssBytes() / 2 ** 20;
    await measureBranchingWebhook(nodeRed.url, 'nodered', { ...bounds, total: 500, meter: undefined });
    const result = await measureBranchingWebhook(nodeRed.url, 'nodered', { ...bounds, meter });
    const loadedMb = nodeRed.rssBytes() / 2 ** 20;
    return {
      result,
      row: { measure, figure: perSecond(result.perSecond), detail: `${latencySummary(result)}; RSS ${idleMb.toFixed(0)} MB idle -> ${loadedMb.toFixed(0)} MB after the load`, load: result.load, cpu: result.cpuPerOp },
    };
  } finally {
    await nodeRed.close();
  }
}
