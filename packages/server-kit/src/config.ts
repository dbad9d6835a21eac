import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so `./data` means the same folder whichever workspace a process starts in. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const port = z.coerce.number().int().min(1).max(65535);

/** Settings every Omnitron process reads. Each app extends this with its own. */
export const baseConfigSchema = z.object({
  /** Folder for SQLite files and generated secrets. @default <repo>/data */
  DATA_DIR: z.string().min(1).default(resolve(repoRoot, 'data')),
  /** PostgreSQL URL; each subgraph uses its own database `<name>_<subgraph>`. Unset: SQLite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * Hot reads run as named (server-side prepared) statements on PostgreSQL. Turn off behind a
   * pooler that cannot keep them per client (PgBouncer in transaction mode before 1.21). @default true
   */
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
  /**
   * When the embedded SQLite files (write-ahead log) reach the disk. 'normal' syncs at checkpoints:
   * a process crash loses no commit, a power loss or OS crash may roll back the last ones (so may
   * the embedded Redis, which keeps nothing on disk: the queue would not survive it either), and
   * no commit holds a process's event loop on an fsync. 'full' syncs the log at every commit, for a
   * data dir whose commits must survive a power loss. No effect on PostgreSQL. @default normal
   */
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('normal'),
  /** Redis for queues, event streams and rate limits. @default redis://127.0.0.1:6379 */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * Prefix for every Redis key, so several installs (or test runs) share one server.
   * @default `omnitron:<hash>` of DATABASE_URL, or of DATA_DIR in the embedded mode: processes
   * that share data share queues and streams; two installs on one Redis never take each other's jobs.
   */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]+$/).default(''),
  /** Lowest pino level written; logs are JSON lines carrying a `requestId`. @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Interface to bind. @default 127.0.0.1 */
  HOST: z.string().default('127.0.0.1'),
  /** Largest accepted request body. @default 1 MiB */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Deepest accepted GraphQL selection. @default 15 */
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(15),
  /** Most aliased fields in one GraphQL operation, fragments counted wherever spread. @default 30 */
  MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  /** Most distinct root fields in one GraphQL operation (each mutation field is one mutation). @default 20 */
  MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20),
  /**
   * Highest estimated cost of one GraphQL operation: each field 1, a field's selection multiplied
   * by its `first`/`last`/`limit` argument or, for other lists, QUERY_COST_LIST_SIZE (see
   * server-kit's operation-measure). Every studio document fits (the gateway's tests check). @default 10_000
   */
  MAX_QUERY_COST: z.coerce.number().int().positive().default(10_000),
  /** Items the cost estimate assumes for a list field without a size argument. @default 10 */
  QUERY_COST_LIST_SIZE: z.coerce.number().int().positive().default(10),
  /** Most lexical tokens in one GraphQL document, counted before it is parsed. @default 10_000 */
  MAX_QUERY_TOKENS: z.coerce.number().int().positive().default(10_000),
  /**
   * Most fragment definitions plus fragment spreads in one GraphQL document, counted before it is
   * parsed. Walks over fragments recurse once per spread followed, hence the hard ceiling. @default 100
   */
  MAX_QUERY_FRAGMENTS: z.coerce.number().int().nonnegative().max(1_000).default(100),
  /**
   * Subgraphs run each kept GraphQL document as code compiled for it (graphql-jit); false runs
   * graphql-js's interpreter for everything, should a compiled operation ever misbehave. @default true
   */
  GRAPHQL_COMPILE: z.stringbool().default(true),
  /**
   * How old (or how far ahead, for clock skew) a signed internal header may be when it arrives.
   * Signatures are made just before each request (the gateway reuses one for a second), so this
   * only needs to cover clock skew between hosts; it is also how long a captured header could be
   * replayed on the one route it was signed for. @default 10_000
   */
  SIGNATURE_MAX_AGE_MS: z.coerce.number().int().positive().default(10_000),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; every bad or missing setting is named in one error. */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    const data = result.data as Record<string, unknown>;
    if (data.REDIS_PREFIX === '') data.REDIS_PREFIX = defaultRedisPrefix(data.DATABASE_URL as string | undefined, data.DATA_DIR as string);
    return result.data;
  }
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/** The Redis namespace follows the data: same database (or same data folder) = same queues. */
export function defaultRedisPrefix(databaseUrl: string | undefined, dataDir: string): string {
  const identity = databaseUrl ?? `file:${resolve(dataDir)}`;
  return `omnitron:${createHash('sha256').update(identity).digest('hex').slice(0, 10)}`;
}

export const portSetting = (fallback: number) => port.default(fallback);

/** Runs `main`, turning a ConfigError into one clear line and exit code 78 (EX_CONFIG). */
export async function runMain(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  }
}
