import { z } from 'zod';
import { MIN_LOG_BUDGET_BYTES, MIN_LOG_LINE_BYTES, outboundPolicySettings, type RunLimits } from '@omnitron/nodes';
import { loadConfig } from '@omnitron/server-kit';

const positiveInt = z.coerce.number().int().positive();

/** Settings of the executions subgraph and its workers, on top of the shared ones. */
export const executionsSettingsSchema = z.object({
  /** The flows subgraph, asked (signed, as the caller) for the flow to run. @default http://127.0.0.1:4002/graphql */
  FLOWS_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  /** The identity subgraph, asked (signed, as the run's caller) for the credentials nodes name. @default http://127.0.0.1:4001/graphql */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The intelligence subgraph (its /graphql URL) for `ai.generate` and node timings; unset leaves the AI service out (the node fails clearly). */
  INTELLIGENCE_URL: z.url().optional(),
  /** Runs one worker process executes at once. @default 8 */
  WORKER_CONCURRENCY: positiveInt.default(8),
  /** Waits (`delay`, `wait`, retry back-off) at least this long park their run (WAITING) and free the worker's slot; shorter ones sleep in it. @default 1_000 */
  WAIT_PARK_MIN_MS: positiveInt.default(1_000),
  /** The platform's public address (the gateway's), which starts the resume URLs of `wait` nodes (`$resume`); unset, they are paths (`/webhooks-resume/<token>`). */
  PUBLIC_URL: z.url().optional(),
  /**
   * How long a worker's lock on a job lasts without renewal. A dead worker's run is handed to
   * another one after at most lockDuration + stalledInterval. @default 5_000
   */
  WORKER_LOCK_MS: positiveInt.default(5_000),
  /** How often workers look for jobs whose lock expired. @default 2_000 */
  WORKER_STALLED_INTERVAL_MS: positiveInt.default(2_000),
  /** Times a stalled run is resumed before it fails. @default 5 */
  WORKER_MAX_STALLED: positiveInt.default(5),
  /**
   * How often a worker looks for runs nothing is running: a top-level run left QUEUED without a
   * job for 30 s is queued again; an unfinished run whose job failed, completed or is gone, and a
   * child run whose parent ended, is failed. Bounds how long a run whose final settle failed
   * (the database away on its job's last attempt) shows as running. @default 60_000
   */
  RECOVER_EVERY_MS: positiveInt.default(60_000),
  /**
   * How often each worker checks that the queue's job schedulers (recover, prune, one per schedule
   * trigger) are in Redis and match the registrations in the database, recreating what is missing:
   * after Redis restarts empty, runs left QUEUED are queued again, pruning goes on and schedules
   * fire again. Also checked whenever a worker's connection to Redis comes back. @default 30_000
   */
  SCHEDULER_CHECK_EVERY_MS: positiveInt.default(30_000),
  /** Node outputs larger than this (JSON bytes) are stored truncated with `outputTruncated`. @default 262_144 */
  NODE_OUTPUT_MAX_BYTES: positiveInt.default(262_144),
  /**
   * A truncated output up to this size (JSON bytes) is also kept whole until its run settles, so a
   * run resumed on another worker feeds downstream nodes the real output. A resumed run that needs
   * a larger one fails with PAYLOAD_TOO_LARGE instead of computing on a preview. @default 16_777_216
   */
  NODE_OUTPUT_RESUME_MAX_BYTES: positiveInt.default(16_777_216),
  /**
   * Longest log line stored, in UTF-8 bytes; a longer one keeps its head and ends in
   * "… [truncated N bytes]". Also what a `code` node's console hands out. @default 16_384
   */
  LOG_LINE_MAX_BYTES: z.coerce.number().int().min(MIN_LOG_LINE_BYTES).default(16_384),
  /**
   * What the log lines of one node run (all its attempts) may store together, in UTF-8 bytes plus
   * 128 per line; further lines are dropped and counted in one "[further logs dropped: N lines,
   * M bytes]" line. Also each `code` node attempt's console budget. @default 262_144
   */
  NODE_LOGS_MAX_BYTES: z.coerce.number().int().min(MIN_LOG_BUDGET_BYTES).default(262_144),
  /** The same bound for all log lines of one run (each child run has its own). @default 1_048_576 */
  RUN_LOGS_MAX_BYTES: z.coerce.number().int().min(MIN_LOG_BUDGET_BYTES).default(1_048_576),
  /** Wall time of one JSONata evaluation, or one `{{ }}` template rendering, checked inside every step. @default 2_000 */
  EXPRESSION_TIMEOUT_MS: positiveInt.default(2_000),
  /** Longest string one expression step may produce (`$pad`, `&`, `$join`, `$string`...). @default 4_194_304 */
  EXPRESSION_MAX_STRING_LENGTH: positiveInt.default(4_194_304),
  /** Most items one expression step may produce in an array, and regex matches one call may walk. @default 1_000_000 */
  EXPRESSION_MAX_ARRAY_LENGTH: positiveInt.default(1_000_000),
  /** Largest value one expression step may produce, in JSON characters (shared parts counted each time). @default 16_777_216 */
  EXPRESSION_MAX_VALUE_SIZE: positiveInt.default(16_777_216),
  /** Wall time of one `code` node attempt in its QuickJS sandbox. @default 1_000 */
  CODE_TIMEOUT_MS: positiveInt.default(1_000),
  /** Heap of one `code` node attempt's QuickJS runtime, in bytes. @default 33_554_432 */
  CODE_MEMORY_BYTES: positiveInt.default(33_554_432),
  /** An idempotency key returns the same execution for this long. @default 86_400_000 (24 h) */
  IDEMPOTENCY_WINDOW_MS: positiveInt.default(86_400_000),
  /** Executions finished longer ago than this are pruned. @default 2_592_000_000 (30 days) */
  RETENTION_MS: positiveInt.default(2_592_000_000),
  /** How often the prune job runs. @default 3_600_000 */
  PRUNE_EVERY_MS: positiveInt.default(3_600_000),
  /** Event streams live this long after the terminal event (the DB keeps the final state). @default 86_400 */
  EVENT_STREAM_TTL_SECONDS: positiveInt.default(86_400),
  /** A `respond: end` webhook waits this long for the run, then answers 202 and the run continues. @default 30_000 */
  WEBHOOK_WAIT_MS: positiveInt.default(30_000),
  /**
   * A process keeps what it read of a webhook path's registration (and its compiled flow) this
   * long. A change of the flow's triggers clears it at once in every process over Redis pub/sub;
   * this bounds how long a process that missed that message answers from what it kept. @default 2_000
   */
  WEBHOOK_CACHE_TTL_MS: positiveInt.default(2_000),
  /** Most ephemeral runs written in one transaction. @default 200 */
  EPHEMERAL_RECORD_BATCH: positiveInt.default(200),
  /**
   * Most ephemeral runs waiting to be written. Past it, webhook calls of ephemeral flows take the
   * durable path (queue and worker) until the writer catches up, so memory stays bounded. @default 5_000
   */
  EPHEMERAL_RECORD_QUEUE_MAX: positiveInt.default(5_000),
  /**
   * A schedule tick starting later than this after its time counts as missed (the platform or its
   * workers were down): a schedule with `missed: skip` drops it, one with `missed: fireOnce` runs it
   * (the queue keeps one pending tick per schedule, so a long outage fires once, not once per
   * missed time). @default 60_000
   */
  SCHEDULE_MISSED_AFTER_MS: positiveInt.default(60_000),
  /**
   * A flow change left unacknowledged this long (its replica died, or syncing its triggers failed)
   * is taken over and handled again. @default 60_000
   */
  FLOW_CHANGES_CLAIM_IDLE_MS: positiveInt.default(60_000),
  /** `HTTP_ALLOW_PRIVATE_NETWORKS`, `HTTP_ALLOW_LIST`: the one outbound address policy every process shares. */
  ...outboundPolicySettings.shape,
  /**
   * Opt-in, platform-wide: a JSON map of connection name to PostgreSQL URL that `database.query`
   * nodes of every workspace may use by name (a listed name wins over a workspace's POSTGRES
   * credential of the same name). Workspaces normally use their own credentials instead. @default {}
   */
  DATABASE_CONNECTIONS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return z.record(z.string(), z.string().regex(/^postgres(ql)?:\/\//)).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object of name -> postgres:// URL' });
        return z.NEVER;
      }
    }),
});
export type ExecutionsSettings = z.infer<typeof executionsSettingsSchema>;

export function loadExecutionsSettings(env: NodeJS.ProcessEnv = process.env): ExecutionsSettings {
  return loadConfig(executionsSettingsSchema, env);
}

/** The engine's bounds for user expressions, code and logs, as this worker is configured. */
export function runLimitsOf(settings: ExecutionsSettings): RunLimits {
  return {
    expressionTimeoutMs: settings.EXPRESSION_TIMEOUT_MS,
    expressionMaxStringLength: settings.EXPRESSION_MAX_STRING_LENGTH,
    expressionMaxArrayLength: settings.EXPRESSION_MAX_ARRAY_LENGTH,
    expressionMaxValueSize: settings.EXPRESSION_MAX_VALUE_SIZE,
    codeTimeoutMs: settings.CODE_TIMEOUT_MS,
    codeMemoryBytes: settings.CODE_MEMORY_BYTES,
    logLineMaxBytes: settings.LOG_LINE_MAX_BYTES,
    nodeLogsMaxBytes: settings.NODE_LOGS_MAX_BYTES,
  };
}
