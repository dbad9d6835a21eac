import { z } from 'zod';
import type { ExpressionEvaluator } from '../expression/evaluator';
import type { WaitOutcome, WaitRequest } from '../engine/suspension';
import type { EngineServices, HttpPolicy, LogLevel, RunLimits } from '../types';
import './field-meta';

/** What `onError` is set to for a node whose failure takes its error handle. */
export const ERROR_BRANCH = 'errorBranch';
/** The output handle a node with `onError: errorBranch` takes when it fails. */
export const ERROR_HANDLE = 'error';

/** Fields every node's `data` accepts, on top of its own config. */
export const commonFields = {
  label: z.string().max(200).optional().describe('Display name in the studio').meta({ title: 'Name' }),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(20).default(1).meta({ title: 'Attempts' }),
      backoff: z
        .enum(['fixed', 'exponential'])
        .default('fixed')
        .meta({ title: 'Backoff', optionLabels: { fixed: 'Same delay each time', exponential: 'Doubling delay' } }),
      delayMs: z.number().int().min(0).max(3_600_000).default(1_000).meta({ title: 'Delay between attempts (ms)' }),
    })
    .optional()
    .describe('Retry policy per node')
    .meta({ title: 'Retry' }),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .max(86_400_000)
    .optional()
    .describe('Wall time per attempt')
    .meta({ title: 'Timeout (ms)' }),
  onError: z
    .enum(['fail', 'continue', ERROR_BRANCH])
    .default('fail')
    .describe('fail the run, continue with the error as output, or take the `error` handle')
    .meta({
      title: 'On error',
      optionLabels: { fail: 'Fail the run', continue: 'Continue with the error as output', [ERROR_BRANCH]: 'Take the error handle' },
    }),
};

export type CommonConfig = z.output<z.ZodObject<typeof commonFields>>;

export type ResolvedLimits = Required<RunLimits>;

/** Everything a node's `execute` receives. */
export interface NodeContext<C> {
  readonly nodeId: string;
  readonly config: C;
  /** The node's upstream value: the single live upstream output, or outputs keyed by node id. */
  readonly upstream: unknown;
  /** The execution input (what triggers output). */
  readonly input: unknown;
  /** Outputs of the nodes finished so far, by node id (`$nodes`). */
  readonly nodes: Readonly<Record<string, unknown>>;
  readonly attempt: number;
  /** Aborted on cancellation and on this attempt's timeout. */
  readonly signal: AbortSignal;
  readonly services: EngineServices;
  readonly http: HttpPolicy;
  readonly limits: ResolvedLimits;
  readonly expressions: ExpressionEvaluator;
  log(level: LogLevel, message: string, data?: unknown): void;
  /**
   * Waits until `request.until`, or for what `request.wait` names. In a run the worker can park,
   * a long wait gives up the node's slot: the run checkpoints and this node runs again, from the
   * start, when the wait ends; this call then resolves at once with how it ended.
   */
  waitFor(request: WaitRequest): Promise<WaitOutcome>;
}

export interface NodeResult {
  output: unknown;
  /** The output handle taken; omitted for nodes with a single output. */
  handle?: string;
}

/** Node categories in the order the studio's palette shows them. */
export const NODE_CATEGORIES = ['trigger', 'logic', 'data', 'flow', 'integration', 'ai'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/**
 * Something outside the flow a node cannot run without, beyond a credential field (which the
 * config schema already declares with `widget: "credential"`): `aiProvider`, an AI provider
 * configured for the workspace. Served in the catalog so the studio can say what a flow needs.
 */
export const NODE_NEEDS = ['aiProvider'] as const;
export type NodeNeed = (typeof NODE_NEEDS)[number];

/**
 * What running a node touches beyond its own run, which decides where it may run:
 * - `none`: nothing (reads its inputs, computes, answers): running it again changes nothing.
 * - `outside`: calls something outside the platform (HTTP, an AI provider): a webhook flow may
 *   run it in the receiving process only when its settings allow effects.
 * - `worker`: needs the worker (user code in the sandbox, child runs, parking on a timer or an
 *   event, database connection pools): it runs in a worker process, never in the API process.
 */
export const NODE_EFFECTS = ['none', 'outside', 'worker'] as const;
export type NodeEffects = (typeof NODE_EFFECTS)[number];

/**
 * Output handles that follow the config: one `<prefix><index>` per item of the array field
 * `field`, before the static outputs (a switch's `case-<i>` per case). Data rather than code, so
 * the catalog can serve the rule and the studio draws the handles the engine routes by.
 */
export interface OutputsPerItem {
  readonly field: string;
  readonly prefix: string;
}

/**
 * One node type: what the studio shows, what validation checks and what the worker runs.
 * `execute` and the hooks are methods so a definition of a specific config type can be held as
 * a `NodeDefinition` in the registry.
 */
export interface NodeDefinition<C = CommonConfig> {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly category: NodeCategory;
  /** Icon name from the studio's icon set (lucide names). */
  readonly icon: string;
  /** What the node needs set up outside the flow before it can run (see `NODE_NEEDS`). */
  readonly needs?: readonly NodeNeed[];
  /** What running it touches beyond its run (see `NodeEffects`). @default 'worker' */
  readonly effects?: NodeEffects;
  /** Own fields + `commonFields`. */
  readonly schema: z.ZodType<C>;
  readonly inputs: readonly string[];
  /**
   * How the node sees several live inbound edges: `single` (default) gives the one upstream
   * output, or outputs keyed by node id when there are several; `keyed` always keys them (merge).
   */
  readonly upstream?: 'single' | 'keyed';
  /** Static output handles; `outputsPerItem` adds one per item of a config list (switch). */
  readonly outputs: readonly string[];
  readonly outputsPerItem?: OutputsPerItem;
  /** The output handles for a config: derived from `outputsPerItem` by `defineNode`. */
  outputsFor?(config: C): readonly string[];
  /** Maps an edge's `sourceHandle` alias to the canonical handle (switch accepts case values). */
  resolveHandle?(config: C, handle: string): string | undefined;
  /** JSONata sources in the config (plain expressions and `{{ }}` template parts), checked at save. */
  expressionsOf?(config: C): string[];
  execute(ctx: NodeContext<C>): Promise<NodeResult>;
}

export function isTrigger(definition: NodeDefinition): boolean {
  return definition.category === 'trigger';
}

interface NodeSpec<Shape extends z.ZodRawShape> extends Omit<NodeDefinition<ConfigOf<Shape>>, 'schema' | 'outputsFor'> {
  readonly fields: Shape;
  /** Extra checks across fields of the config. */
  readonly refine?: (config: ConfigOf<Shape>, ctx: z.RefinementCtx) => void;
}

export type ConfigOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape & typeof commonFields>>;

/** Builds a definition whose config type is inferred from its fields plus the common ones. */
export function defineNode<Shape extends z.ZodRawShape>(spec: NodeSpec<Shape>): NodeDefinition<ConfigOf<Shape>> {
  const { fields, refine, ...rest } = spec;
  const object = z.object({ ...fields, ...commonFields });
  const schema = refine === undefined ? object : object.superRefine(refine);
  const perItem = rest.outputsPerItem;
  if (perItem === undefined) return { ...rest, schema };
  return { ...rest, schema, outputsFor: (config) => outputsOf(perItem, rest.outputs, config) };
}

/** The handles `perItem` gives a config, then the static ones. */
function outputsOf(perItem: OutputsPerItem, outputs: readonly string[], config: object): string[] {
  const items: unknown = (config as Record<string, unknown>)[perItem.field];
  const count = Array.isArray(items) ? items.length : 0;
  return [...Array.from({ length: count }, (_, index) => `${perItem.prefix}${index}`), ...outputs];
}
