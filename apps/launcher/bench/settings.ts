import { z } from 'zod';

const count = z.coerce.number().int().positive();

/** Sizes and bounds of one bench run; every loop stops at its count or its time, whichever first. */
export const benchSettingsSchema = z.object({
  /** Flows seeded for the list benchmark (issue 5). @default 10_000 */
  BENCH_FLOWS: count.default(10_000),
  /** createFlow mutations per seeding request (aliases in one document). @default 25 */
  BENCH_SEED_BATCH: count.default(25),
  /** Concurrent clients for the flows list and its baseline. @default 20 */
  BENCH_LIST_CLIENTS: count.default(20),
  /**
   * Requests for the flows list and for its baseline each: 6,000 puts 60 samples above the p99, so
   * one slow moment does not decide it. @default 6_000
   */
  BENCH_LIST_REQUESTS: count.default(6_000),
  /**
   * Unmeasured requests of each list shape (with and without `owner`) just before it is measured,
   * so each is measured warm: the owner's identity hop runs code the other shapes never run.
   * @default 2_000
   */
  BENCH_LIST_WARMUP: count.default(2_000),
  /** Nodes of the big flow saved and loaded. @default 1_000 */
  BENCH_BIG_FLOW_NODES: count.default(1_000),
  /** Save + load rounds per flow size. @default 20 */
  BENCH_SAVE_ROUNDS: count.default(20),
  /** Empty BullMQ jobs for the raw baseline. @default 3_000 */
  BENCH_RAW_JOBS: count.default(3_000),
  /** Concurrent clients for executions (issue 6). @default 50 */
  BENCH_RUN_CLIENTS: count.default(50),
  /** Executions started through the gateway. @default 1_000 */
  BENCH_RUNS: count.default(1_000),
  /** Webhook posts. @default 500 */
  BENCH_WEBHOOK_RUNS: count.default(500),
  /** Concurrent webhook clients. @default 20 */
  BENCH_WEBHOOK_CLIENTS: count.default(20),
  /** Concurrent clients of the ephemeral webhook stage (#17; also its durable and bare baselines). @default 10 */
  BENCH_EPHEMERAL_CLIENTS: count.default(10),
  /** Ephemeral webhook posts (and bare baseline requests) measured. @default 5_000 */
  BENCH_EPHEMERAL_RUNS: count.default(5_000),
  /**
   * Longest wait for the machine to go quiet before (and after) a stage. On a machine shared with
   * other jobs it never does, and each wait runs to this bound. @default 120_000
   */
  BENCH_SETTLE_MAX_MS: count.default(120_000),
  /** Longest any one measurement may issue load. @default 120_000 */
  BENCH_MAX_MS: count.default(120_000),
  /** Worker processes the launcher starts (WORKERS). @default 2 */
  WORKERS: count.default(2),
  /** Runs per worker process; also the raw baseline's per-worker concurrency. @default 8 (the executions default) */
  WORKER_CONCURRENCY: count.default(8),
  /**
   * Run only the flows list stage (seed, the list and its baselines): 'list'; only the executions
   * stage (raw BullMQ baseline and gateway runs, nothing seeded): 'executions'; only the webhook
   * stage (and the memory under its load): 'webhooks'; only the ephemeral webhook runs (6a and 6c,
   * no durable stage: the quick loop for profiling the ephemeral path): 'ephemeral'. Idle memory
   * and cold start are measured whatever is chosen. @default 'all'
   */
  BENCH_ONLY: z.enum(['all', 'list', 'executions', 'webhooks', 'ephemeral']).default('all'),
  /**
   * 'on': every platform process traces and exports its spans (OTEL_EXPORTER_OTLP_ENDPOINT) to a
   * local OTLP receiver in the bench process (bench/otlp-sink.ts), which counts them; 'off': no
   * endpoint, so no process loads the OpenTelemetry SDK. Compare stage 3 of one run each.
   * @default 'off'
   */
  BENCH_TRACING: z.enum(['off', 'on']).default('off'),
  /**
   * A directory for each measurement's per-request timings (see LoadBounds.traceDir); together
   * with `NODE_OPTIONS="--import <absolute path of bench/gc-observer.mjs>"` every process also logs its GC pauses
   * there (bench README). Unset: nothing is written.
   */
  BENCH_TRACE_DIR: z.string().min(1).optional(),
  /**
   * Where Node-RED is installed, for stage 6's Node-RED row (a folder holding
   * `node_modules/node-red`, e.g. after `npm install --prefix /tmp/node-red node-red`). Unset: the
   * bench uses `node-red` if this project resolves it, else prints that it is not installed.
   */
  BENCH_NODE_RED_DIR: z.string().min(1).optional(),
  /** Keep DATA_DIR (process logs) even after a clean run: '1'. Kept anyway when a request failed. */
  BENCH_KEEP_DATA: z.enum(['0', '1']).default('0'),
  /**
   * Where the platform keeps its data: 'postgresql' (throwaway databases on BENCH_POSTGRES_URL's
   * server, as in production) or 'sqlite' (the embedded default of `npm start`, files in the run's
   * DATA_DIR). PostgreSQL backends' CPU is shown per operation; SQLite's is inside the processes.
   * @default 'postgresql'
   */
  BENCH_DATABASE: z.enum(['postgresql', 'sqlite']).default('postgresql'),
  /** Server used to create and drop the throwaway databases. */
  BENCH_POSTGRES_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** Redis the platform and the raw baseline use (the launcher's own default when unset). */
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
});
export type BenchSettings = z.infer<typeof benchSettingsSchema>;
