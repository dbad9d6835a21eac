import { bootService, onShutdown, runMain, startTracing } from '@omnitron/server-kit';
import { startExecutionsWorker } from './worker/start-worker';

/**
 * A worker process: takes runs, schedule ticks and prune jobs from the executions queue.
 * SIGTERM stops taking jobs and lets the runs in progress finish (a run still going when the
 * grace period ends is resumed by another worker once its lock expires).
 */
await runMain(async () => {
  const { config, secrets, log } = bootService('executions-worker', 0);
  const tracing = await startTracing('worker', process.env, log);
  const worker = await startExecutionsWorker({ config, signingKey: secrets.internalSigningKey, log });
  onShutdown(
    log,
    async () => {
      await worker.close();
      await tracing.shutdown();
    },
    30_000,
  );
});
