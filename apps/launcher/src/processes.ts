import { join } from 'node:path';
// The list alone: the package's main entry loads graphql and the composition library (~35 MB) the launcher never uses.
import { SUBGRAPHS } from '@omnitron/schema/subgraphs';
import type { LauncherConfig } from './config';

/** One process of the platform, run from its own workspace folder. */
export interface PlatformProcess {
  readonly name: string;
  readonly cwd: string;
  readonly entry: string;
  /** Arguments after the entry (`--roles all-api`). @default none */
  readonly args?: readonly string[];
  /** Node and V8 flags given before the entry (`node <flags> --import tsx <entry>`). */
  readonly nodeFlags: readonly string[];
  /**
   * Run the entry through tsx (TypeScript transpiled as it loads); false for an entry that is
   * already JavaScript (see precompile). @default true
   */
  readonly transpile?: boolean;
  readonly env: Record<string, string>;
  /** Polled until it answers 200; absent for processes without HTTP (workers). */
  readonly readyUrl?: string;
  /**
   * 1: started first, and ready before anything of stage 2 starts (the processes that apply the
   * migrations: a worker opening the executions database meanwhile would race them). @default 1
   */
  readonly stage?: 1 | 2;
}

/** The processes to run, and the URL that answers 200 once the whole platform (workers included) is ready. */
export interface PlatformLayout {
  readonly processes: readonly PlatformProcess[];
  readonly readyUrl: string;
}

/**
 * V8 flags every platform process runs with (the apps' own `start` scripts pass the same).
 *
 * `--no-allocation-site-pretenuring`: V8 marks an allocation site "allocate in old space" once most
 * of its objects survive a scavenge, and a marked site stays marked. Traced under the list load
 * (bench README, BENCH_TRACE_DIR), the flows subgraph then promoted ~5 MB per scavenge, its
 * scavenges took 8-20 ms instead of 2-3 and its heap grew until each major GC: short-lived
 * objects allocated old keep the young ones they point to alive. Without pretenuring its heap
 * stays flat. `BENCH_ONLY=list`, three alternating pairs: p99 of
 * `flows(first: 50) { id name owner { email } }` 42.2 / 46.3 / 41.0 ms with pretenuring,
 * 34.3 / 31.2 / 33.7 ms without, at the same requests/s and CPU per request.
 *
 * `--max-semi-space-size=2` (MB): Node 24's V8 grows each young-generation semi-space up to 32 MB
 * (start-up alone gets there), and what it grew stays resident until the memory reducer shrinks the
 * heap, minutes after the load that grew it (the worker, idle, still held its full 2 x 8 MB 20 s
 * after ready). Capped at 8 MB (bench README "Young generation capped"): peak RSS under the webhook
 * load api 366-369 -> 296 MB, worker 261-279 -> 169 MB. From 8 to 2 MB (bench README "Young
 * generation at 2 MB"): `npm start` (SQLite) 20 s after ready api 188-192 -> 180, worker 126 -> 115
 * MB, which brings `npm start` under its 350 MB idle target. Scavenges are ~3.5x as many and their
 * summed pauses 1.4-3x as long; the api's CPU per ephemeral run did not move beyond the shared
 * machine's noise in three alternating rounds, the durable path's was lower in one pair and higher
 * in the other (busier neighbours). On a quiet machine, alternated 2, 8, 8, 2: CPU per durable run
 * 6.1 / 4.5 ms at 2 MB against 6.0 / 4.9 at 8, ephemeral 1.13 / 0.88 against 1.12 / 0.95: no cost.
 */
export const PLATFORM_NODE_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring', '--max-semi-space-size=2'];

/**
 * glibc malloc settings every platform process gets, unless the environment sets them itself
 * (other C libraries ignore them).
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own arena (up to 8 per core),
 * and a node process has about ten threads (V8's compiler and GC helpers, libuv's pool); memory
 * freed in an arena stays in it. `MALLOC_TRIM_THRESHOLD_=131072`: the top of a heap is given back
 * once 128 KB of it is free; by default glibc raises that threshold (and the size above which it
 * maps blocks apart) after each large block it frees, up to 32/64 MB, so what start-up allocated
 * (the `api` process's V8 allocated ~28 MB outside its heap while compiling the bundle and
 * building the schemas) stays resident for the process's life. `BENCH_ONLY=webhooks WORKERS=1`
 * (PostgreSQL, bench README "The launcher without zod, malloc settings, V8 flags tried"): idle
 * api 216 -> 190 MB RSS, worker 129 -> 126; peak under the webhook load api 252 -> 207, worker
 * 155 -> 146 MB; CPU per run within the machine's noise.
 */
export const PLATFORM_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * The whole platform on one machine, in the configured LAYOUT, with WORKERS workers. `inherited`
 * is the launcher's own environment (every process inherits it): a malloc setting set there is
 * kept.
 */
export function platformLayout(config: LauncherConfig, repoRoot: string, inherited: Readonly<Record<string, string | undefined>> = process.env): PlatformLayout {
  const url = (port: number) => `http://${config.HOST}:${port}`;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [`${name.toUpperCase()}_URL`, `${url(config.PORT + 1 + i)}/graphql`]));
  const malloc = Object.fromEntries(Object.entries(PLATFORM_MALLOC_ENV).filter(([name]) => inherited[name] === undefined));
  const shared = { ...malloc, ...subgraphUrls, HOST: config.HOST, NODE_ENV: config.NODE_ENV };
  const workers = Array.from({ length: config.WORKERS }, (_, i) => ({
    name: config.WORKERS > 1 ? `worker-${i + 1}` : 'worker',
    cwd: join(repoRoot, 'apps/subgraphs/executions'),
    entry: 'src/worker-main.ts',
    nodeFlags: PLATFORM_NODE_FLAGS,
    env: { ...shared },
    stage: 2 as const,
  }));
  // The gateway's readiness counts the workers connected to Redis, so a dead worker shows there.
  const gatewayEnv = { ...shared, PORT: String(config.PORT), READY_WORKERS: String(config.WORKERS) };
  const readyUrl = `${url(config.PORT)}/health/ready`;
  if (config.LAYOUT === 'combined') {
    const api = {
      name: 'api',
      cwd: join(repoRoot, 'apps/platform'),
      entry: 'src/main.ts',
      args: ['--roles', 'all-api'],
      nodeFlags: PLATFORM_NODE_FLAGS,
      env: gatewayEnv,
      // The gateway listens once every subgraph beside it has migrated and listens: live is enough
      // to start the workers (ready waits for them).
      readyUrl: `${url(config.PORT)}/health/live`,
      stage: 1 as const,
    };
    return { processes: [api, ...workers], readyUrl };
  }
  const subgraphs = SUBGRAPHS.map(({ name }, i) => ({
    name,
    cwd: join(repoRoot, 'apps/subgraphs', name),
    entry: 'src/main.ts',
    nodeFlags: PLATFORM_NODE_FLAGS,
    env: { ...shared, PORT: String(config.PORT + 1 + i) },
    readyUrl: `${url(config.PORT + 1 + i)}/health/ready`,
    stage: 1 as const,
  }));
  const gateway = { name: 'gateway', cwd: join(repoRoot, 'apps/gateway'), entry: 'src/main.ts', nodeFlags: PLATFORM_NODE_FLAGS, env: gatewayEnv, readyUrl, stage: 2 as const };
  return { processes: [...subgraphs, ...workers, gateway], readyUrl };
}
