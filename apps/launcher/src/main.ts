import { join } from 'node:path';
import { parseLauncherConfig, repoRoot } from './config';
import { precompiled } from './precompile';
import { platformLayout } from './processes';
import { chooseRedis } from './redis';
import { Supervisor } from './supervisor';
import { describeExit, lastLinesBlock, printingListener } from './supervision-report';

/**
 * `npm start`: the whole platform on one machine, one line to open, Ctrl-C stops everything.
 * A process that dies after start-up is restarted (with back-off) while the others keep running.
 */
async function main(): Promise<void> {
  const { config, issues } = parseLauncherConfig(process.env);
  if (!config) {
    console.error(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    process.exit(78);
  }
  const started = performance.now();
  const layout = platformLayout(config, repoRoot);
  // Before anything starts: a missing or stale build is said at once, with what to run.
  const processes = config.PRECOMPILE ? precompiled(layout.processes) : layout.processes;
  const redis = await chooseRedis(config.REDIS_URL);
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await supervisor.stopAll();
    redis.child?.kill('SIGTERM');
    process.exit(code);
  };
  const supervisor = new Supervisor({
    logDir: join(config.DATA_DIR, 'logs'),
    baseEnv: { DATA_DIR: config.DATA_DIR, REDIS_URL: redis.url },
    restart: { initialDelayMs: config.RESTART_DELAY_MS, maxDelayMs: config.RESTART_MAX_DELAY_MS },
    // Dying before ever being ready is a setting or an environment to fix, not a crash to retry.
    listener: printingListener((exit) => {
      console.error(`${exit.name} stopped unexpectedly while starting (${describeExit(exit)}).\n${lastLinesBlock(exit)}`);
      void shutdown(1);
    }),
  });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const first = processes.filter((p) => (p.stage ?? 1) === 1);
  const then = processes.filter((p) => !first.includes(p));
  try {
    first.forEach((p) => supervisor.start(p));
    await supervisor.waitReady(first);
    then.forEach((p) => supervisor.start(p));
    await supervisor.waitReady(then);
    await supervisor.waitForUrl(layout.readyUrl, 'the platform');
  } catch (error) {
    // A process died (shutdown already under way) or never became ready: stop the rest, no orphans.
    if (!shuttingDown) {
      console.error(error instanceof Error ? error.message : error);
      await shutdown(1);
    }
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Omnitron is running at http://${config.HOST}:${config.PORT} (ready in ${seconds}s; logs in ${join(config.DATA_DIR, 'logs')})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
