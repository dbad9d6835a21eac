import { join } from 'node:path';
import { SUBGRAPHS } from '@omnitron/schema';
import type { LauncherConfig } from './config';

/** One process of the platform, run from its own workspace folder. */
export interface PlatformProcess {
  readonly name: string;
  readonly cwd: string;
  readonly entry: string;
  readonly env: Record<string, string>;
  /** Polled until it answers 200; absent for processes without HTTP (workers). */
  readonly readyUrl?: string;
}


/** The whole platform on one machine: four subgraphs, the gateway, and the workers. */
export function platformProcesses(config: LauncherConfig, repoRoot: string): PlatformProcess[] {
  const url = (port: number) => `http://${config.HOST}:${port}`;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [`${name.toUpperCase()}_URL`, `${url(config.PORT + 1 + i)}/graphql`]));
  const shared = { ...subgraphUrls, HOST: config.HOST, NODE_ENV: config.NODE_ENV };
  const subgraphs = SUBGRAPHS.map(({ name }, i) => ({
    name,
    cwd: join(repoRoot, 'apps/subgraphs', name),
    entry: 'src/main.ts',
    env: { ...shared, PORT: String(config.PORT + 1 + i) },
    readyUrl: `${url(config.PORT + 1 + i)}/health/ready`,
  }));
  const workers = Array.from({ length: config.WORKERS }, (_, i) => ({
    name: config.WORKERS > 1 ? `worker-${i + 1}` : 'worker',
    cwd: join(repoRoot, 'apps/subgraphs/executions'),
    entry: 'src/worker-main.ts',
    env: { ...shared },
  }));
  const gateway = {
    name: 'gateway',
    cwd: join(repoRoot, 'apps/gateway'),
    entry: 'src/main.ts',
    env: { ...shared, PORT: String(config.PORT) },
    readyUrl: `${url(config.PORT)}/health/ready`,
  };
  return [...subgraphs, ...workers, gateway];
}
