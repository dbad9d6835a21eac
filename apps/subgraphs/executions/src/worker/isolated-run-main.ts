import { writeSync } from 'node:fs';
import type { EngineEvent } from '@omnitron/nodes';
import { bootService, databaseSettingsOf, openDatabase, runMain, startTracing } from '@omnitron/server-kit';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { createRuntime } from '../runtime';
import { loadExecutionsSettings } from '../settings';
import { REPORT_FD, type IsolatedRunReport } from './isolated-run';
import { RunHost } from './run-host';

/**
 * A process running one suspect run on its own (`node ... isolated-run-main.ts <executionId>`),
 * started by a worker (`IsolatedRunner`). It reports to the worker on `REPORT_FD` when it is
 * ready, each node's start and settle, and how the run ended; see `IsolatedRunReport`.
 */
const report = (message: IsolatedRunReport): void => void writeSync(REPORT_FD, `${JSON.stringify(message)}\n`);

/** The node starts and settles of the run, as the engine emits them (synchronously, before the node's code runs). */
function reportNodes(event: EngineEvent): void {
  if (event.type === 'NODE_STARTED') report({ type: 'node-started', nodeId: event.nodeId, attempt: event.attempt, at: new Date().toISOString() });
  else if (event.type === 'NODE_SUCCEEDED' || event.type === 'NODE_FAILED' || event.type === 'NODE_SKIPPED') report({ type: 'node-settled', nodeId: event.nodeId });
}

// The worker decides when this process stops: a signal sent to the whole group (a service manager
// stopping the worker) is left to it, and it waits for this run as for any other. Losing the
// worker (its end of stdin closes) stops this at once: the run's job is resumed elsewhere.
process.on('SIGTERM', () => undefined);
process.on('SIGINT', () => undefined);
process.stdin.on('close', () => process.exit(1));
process.stdin.resume();

await runMain(async () => {
  const executionId = process.argv[2];
  if (!executionId) throw new Error('usage: isolated-run-main.ts <executionId>');
  const { config, secrets, log } = bootService('executions-isolated-run', 0);
  const tracing = await startTracing('worker', process.env, log);
  const settings = loadExecutionsSettings();
  const orm = await openDatabase({ subgraph: 'executions', entities, migrations, ...databaseSettingsOf(config) });
  const runtime = createRuntime({ orm, config, settings, signingKey: secrets.internalSigningKey, log });
  const host = new RunHost(runtime);
  await host.start();
  report({ type: 'ready' });
  try {
    const settlement = await host.runner.run(executionId, { onEngineEvent: reportNodes });
    report({ type: 'finished', status: settlement?.status ?? null });
  } catch (error) {
    log.error({ err: error, executionId }, 'isolated run crashed');
    report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  await host.close();
  await runtime.close();
  await orm.close();
  await tracing.shutdown();
  process.exit(0);
});
