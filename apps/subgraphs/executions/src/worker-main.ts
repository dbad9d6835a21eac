import { bootService, onShutdown, openDatabase, runMain } from '@omnitron/server-kit';
import { entities } from './entities';
import { migrations } from './migrations';
import { createRuntime } from './runtime';
import { loadExecutionsSettings } from './settings';
import { ExecutionsWorker } from './worker/executions-worker';

/**
 * A worker process: takes runs, schedule ticks and prune jobs from the executions queue.
 * SIGTERM stops taking jobs and lets the runs in progress finish (a run still going when the
 * grace period ends is resumed by another worker once its lock expires).
 */
await runMain(async () => {
  const { config, secrets, log } = bootService('executions-worker', 0);
  const settings = loadExecutionsSettings();
  const orm = await openDatabase({ subgraph: 'executions', entities, migrations, databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  const runtime = createRuntime({ orm, config, settings, signingKey: secrets.internalSigningKey, log });
  const worker = new ExecutionsWorker(runtime);
  await worker.start();
  log.info({ concurrency: settings.WORKER_CONCURRENCY }, 'executions worker started');
  onShutdown(
    log,
    async () => {
      await worker.close();
      await runtime.close();
      await orm.close();
    },
    30_000,
  );
});
