import type { CredentialsService } from './credentials/credentials-service';
import type { SecretMask } from './credentials/secret-mask';
import type { DurableWaits, Suspension } from './engine/suspension';

/**
 * Wire shapes shared by the studio, the flows subgraph and the worker.
 * The flow shape is React Flow's own, so the studio saves exactly what it draws.
 */

export interface FlowNode {
  readonly id: string;
  readonly type: string;
  readonly position?: { x: number; y: number };
  readonly data: Record<string, unknown>;
}

export interface FlowEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string | null;
  readonly targetHandle?: string | null;
}

export interface FlowGraph {
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
}

export type ProblemSeverity = 'error' | 'warning';

export interface FlowProblem {
  nodeId?: string;
  edgeId?: string;
  /** UPPER_SNAKE code, see `ProblemCode`. */
  code: string;
  message: string;
  severity: ProblemSeverity;
}

export interface FlowValidation {
  /** `true` when no problem has severity `error` (warnings allowed). */
  valid: boolean;
  problems: FlowProblem[];
}

export type NodeRunStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

export interface ErrorValue {
  code: string;
  message: string;
}

export interface NodeRunRecord {
  nodeId: string;
  status: NodeRunStatus;
  attempts: number;
  input?: unknown;
  output?: unknown;
  error?: ErrorValue;
  /** Output handle taken: `true`/`false` for condition, `case-<i>`/`default` for switch, `error` for errorBranch. */
  handle?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type EngineEvent =
  | { type: 'NODE_STARTED'; nodeId: string; attempt: number; input: unknown }
  | { type: 'NODE_SUCCEEDED'; nodeId: string; record: NodeRunRecord }
  | { type: 'NODE_FAILED'; nodeId: string; record: NodeRunRecord }
  | { type: 'NODE_RETRYING'; nodeId: string; attempt: number; delayMs: number; error: ErrorValue }
  | { type: 'NODE_SKIPPED'; nodeId: string; record: NodeRunRecord }
  | { type: 'LOG'; nodeId: string; level: LogLevel; message: string; data?: unknown };

export type EngineEventType = EngineEvent['type'];

export interface AiGenerateRequest {
  taskType: string;
  prompt: string;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  cache?: boolean;
}

export interface AiGenerateResult {
  text: string;
  provider: string;
  model: string;
  usage?: { inputTokens: number; outputTokens: number };
}

export interface SubflowRequest {
  flowId: string;
  input: unknown;
  parentNodeId: string;
  /** Set by `map`: the current item (bind it as `$item` via `RunOptions.item`) and its index. */
  item?: unknown;
  index?: number;
}

export interface DatabaseQueryRequest {
  connection: string;
  sql: string;
  params: unknown[];
}

/** The outside world, supplied by the worker. The engine ships no implementations. */
export interface EngineServices {
  ai?: { generate(req: AiGenerateRequest, signal: AbortSignal): Promise<AiGenerateResult> };
  flows?: { runSubflow(req: SubflowRequest, signal: AbortSignal): Promise<unknown> };
  database?: {
    query(req: DatabaseQueryRequest, signal: AbortSignal): Promise<{ rows: unknown[]; rowCount: number }>;
  };
  credentials?: CredentialsService;
}

export interface ConnectTarget {
  hostname: string;
  address: string;
  port: number;
}

export interface HttpPolicy {
  /** Allow loopback, private, link-local, CGNAT and unique-local targets. @default false */
  allowPrivateNetworks?: boolean;
  /**
   * Exceptions to the private-network rule: hostnames (`api.internal`, `*.corp.example`),
   * IP addresses or CIDRs (`10.1.0.0/16`). Public addresses are always allowed.
   */
  allowList?: string[];
  /** Response bodies larger than this fail with RESPONSE_TOO_LARGE. @default 5_242_880 */
  maxResponseBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** DNS resolver; injectable for tests. @default dns.promises.lookup(host, { all: true }) */
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /** Called with the vetted address right before a socket opens (audit and tests); throwing refuses it. */
  beforeConnect?: (target: ConnectTarget) => void;
}

export interface RunLimits {
  /** @default 1_048_576 */
  maxOutputBytes?: number;
  /**
   * Wall time per JSONata evaluation, and per template rendering as a whole, checked on every step
   * and regex match (runaway recursion would otherwise starve every timer). @default 2_000
   */
  expressionTimeoutMs?: number;
  /** Longest string one expression step may produce (`$pad`, `&`, `$join`, `$string`...). @default 4_194_304 */
  expressionMaxStringLength?: number;
  /** Most items one expression step may produce in an array, and regex matches one call may walk. @default 1_000_000 */
  expressionMaxArrayLength?: number;
  /**
   * Largest value one expression step may produce, in JSON characters with shared parts counted
   * each time they appear (`$x := [$x, $x]` doubles it): bounds what stringifying, comparing,
   * cloning or flattening a value costs. The run's own input and outputs are not counted. @default 16_777_216
   */
  expressionMaxValueSize?: number;
  /**
   * Expression evaluation stops with EXPRESSION_LIMIT once this process's V8 heap holds more than
   * this many bytes, before the worker runs out of memory. @default 75 % of the process's V8 heap limit
   */
  expressionHeapCeilingBytes?: number;
  /** Wall time per `code` node attempt. @default 1_000 */
  codeTimeoutMs?: number;
  /** Heap limit of the QuickJS runtime per `code` node attempt. @default 32 MiB */
  codeMemoryBytes?: number;
  /** Longest `console` line a `code` node hands out, in UTF-8 bytes; longer ones are cut with a marker. @default 16_384 */
  logLineMaxBytes?: number;
  /** What one `code` node attempt may log in all, in UTF-8 bytes (+128 per line); further lines are dropped and counted. @default 262_144 */
  nodeLogsMaxBytes?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Resume: nodes already committed (SUCCEEDED, FAILED, SKIPPED) are not run again; their outputs feed downstream. */
  settled?: Record<string, NodeRunRecord>;
  onEvent?: (event: EngineEvent) => void;
  /** Awaited before any downstream node starts (the worker commits here). */
  onSettle?: (record: NodeRunRecord) => Promise<void>;
  services?: EngineServices;
  http?: HttpPolicy;
  /** Max nodes in flight. @default 16 */
  concurrency?: number;
  limits?: RunLimits;
  /** Start from this trigger only; other triggers are SKIPPED. @default every trigger fires */
  triggerId?: string;
  /** Bound as `$item` in expressions (a `map` child run). */
  item?: unknown;
  /**
   * The run's secret strings (the worker's credentials service adds to it as nodes resolve
   * credentials): every event, settled record and the result are masked with it before they
   * leave the engine. Nodes downstream still see real values in memory.
   */
  mask?: SecretMask;
  /**
   * Set by a host that can checkpoint a run (the worker): long waits (`delay`, `wait`, retry
   * back-off) park their node instead of sleeping, and the run ends SUSPENDED once nothing else
   * can run. @default every wait sleeps in process
   */
  waits?: DurableWaits;
  /** Bound as `$resume` in expressions: the resume URL of each `wait` node waiting for a webhook, by node id. */
  resumeUrls?: Readonly<Record<string, string>>;
}

export interface RunResult {
  /** SUSPENDED: some nodes parked (`suspensions`); the rest of the run went as far as it could. */
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'SUSPENDED';
  output: unknown;
  error?: { code: string; message: string; nodeId?: string };
  nodeRuns: Record<string, NodeRunRecord>;
  /** The parked nodes of a SUSPENDED run (new and still parked ones). */
  suspensions?: Suspension[];
}
