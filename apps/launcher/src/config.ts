import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What `npm start` reads. Everything has an embedded default. */
export const launcherConfigSchema = z.object({
  /** Gateway port; subgraphs use PORT+1 .. PORT+4. @default 4000 */
  PORT: z.coerce.number().int().min(1).max(65530).default(4000),
  /** SQLite files, secrets and process logs. @default <repo>/data */
  DATA_DIR: z.string().min(1).default(resolve(repoRoot, 'data')),
  /** Redis to use; unset: 127.0.0.1:6379 if it answers, else a private redis-server. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * How the roles share processes. `combined`: the API roles (gateway, identity, flows, executions,
   * intelligence) in one process, calling each other in process, and WORKERS worker processes
   * apart, so a run that kills its process never takes the API down. `split`: one process per
   * subgraph and one for the gateway, calling each other over signed HTTP, as separate machines
   * would. @default combined
   */
  LAYOUT: z.enum(['combined', 'split']).default('combined'),
  /**
   * Run each process from its app's build (`npm run build`, which `npm start` runs first:
   * `<app>/dist/<entry>.js`) on plain node: less memory per process and a faster start than
   * transpiling every module with tsx as it loads. A missing build, or one older than its sources,
   * stops the launcher with what to run. false runs the TypeScript sources through tsx.
   * @default true
   */
  PRECOMPILE: z.stringbool().default(true),
  /** Number of worker processes. @default 1 */
  WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** Interface every process binds. @default 127.0.0.1 */
  HOST: z.string().default('127.0.0.1'),
  /**
   * NODE_ENV of every process. `production` turns off libraries' development-only checks (graphql-js
   * re-checks every `instanceof` that fails for a copy from another realm, ~5 % of a subgraph's CPU).
   * @default production
   */
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  /**
   * After start-up, a process that dies is started again after this delay, doubled at each death in
   * a row (one that stayed up a minute starts over), up to RESTART_MAX_DELAY_MS. @default 500
   */
  RESTART_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(500),
  /** The longest wait before starting a dead process again; a crash-looping one is retried this often. @default 30_000 */
  RESTART_MAX_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});
export type LauncherConfig = z.infer<typeof launcherConfigSchema>;
