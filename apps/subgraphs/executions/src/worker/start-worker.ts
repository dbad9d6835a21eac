import { databaseSettingsOf, openDatabase, type BaseConfig, type Logger } from '@omnitron/server-kit';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { createRuntime } from '../runtime';
import { loadExecutionsSettings } from '../settings';
import { ExecutionsWorker } from './executions-worker';

export interface StartedWorker {
  /** Stops taking jobs, lets the runs in progress finish, then closes its connections. */
  close(): Promise<void>;
}

/**
 * A worker: takes runs, schedule ticks and prune jobs from the executions queue, with its own
 * connections to the executions database and Redis. The worker role of a host (`worker-main.ts`
 * alone, or `apps/platform --roles worker`).
 */
export async function startExecutionsWorker(deps: { readonly config: BaseConfig; readonly signingKey: string; readonly log: Logger; readonly env?: NodeJS.ProcessEnv }): Promise<StartedWorker> {
  const { config, log } = deps;
  const settings = loadExecutionsSettings(deps.env);
  const orm = await openDatabase({ subgraph: 'executions', entities, migrations, ...databaseSettingsOf(config) });
  const runtime = createRuntime({ orm, config, settings, signingKey: deps.signingKey, log });
  const worker = new ExecutionsWorker(runtime);
  await worker.start();
  log.info({ concurrency: settings.WORKER_CONCURRENCY }, 'executions worker started');
  return {
    close: async () => {
      await worker.close();
      await runtime.close();
      await orm.close();
    },
  };
}
