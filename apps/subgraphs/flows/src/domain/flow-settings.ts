import { keyTemplateError } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';

/** Bounds of a flow's settings; the executions subgraph admits runs by them (worker/flow-admission). */
export const FLOW_SETTINGS_LIMITS = {
  /** Most runs of one flow (or of one key) at once that a limit may allow. */
  maxConcurrency: 1_000,
  minPriority: -100,
  maxPriority: 100,
  maxKeyLength: 500,
} as const;

/**
 * How a flow's runs are admitted and what happens when one fails. Kept on the flow, not on its
 * versions: restoring an old version keeps them, as it keeps `active`.
 */
export interface FlowSettings {
  /** Most runs of this flow at once; more wait in the queue. null: no limit. */
  readonly concurrencyLimit: number | null;
  /** `{{ }}` template over the run input naming the run's concurrency key; null: no key. */
  readonly concurrencyKey: string | null;
  /** Most runs at once sharing one key (only with `concurrencyKey`). @default 1 */
  readonly concurrencyKeyLimit: number;
  /** Higher starts first among waiting runs. @default 0 */
  readonly priority: number;
  /** A flow of the same workspace started when a run of this one fails. null: none. */
  readonly errorFlowId: string | null;
  /**
   * Webhook calls (`respond: end`) run in the process that received them, with no queue, and are
   * recorded once at the end: a crash loses the record of the calls in flight (whose callers saw
   * them fail). Only for a webhook flow whose nodes have no effects, or effects outside the run
   * with `ephemeralAllowEffects` (see `ephemeralRefusal` in @omnitron/nodes). @default false
   */
  readonly ephemeral: boolean;
  /** Lets an ephemeral flow call outside the run (HTTP, AI): such a call is not retried after a crash. @default false */
  readonly ephemeralAllowEffects: boolean;
}

export type FlowSettingsInput = { readonly [K in keyof FlowSettings]?: FlowSettings[K] | null };

const invalid = (field: keyof FlowSettings, message: string): OmnitronError => new OmnitronError(ErrorCode.VALIDATION_FAILED, message, { field });

function integerIn(field: keyof FlowSettings, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(field, `${field} is ${value}; it must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * The settings `input` describes, checked: limits from 1 to 1000, a priority from -100 to 100, a
 * key template whose expressions compile with the bounded evaluator runs use. Whether the flow
 * may run ephemeral is the store's check (it reads the graph). Omitted fields take
 * their defaults (the input replaces every setting). Whether `errorFlowId` names a flow of the
 * workspace is the store's check. VALIDATION_FAILED names the field.
 */
export function checkFlowSettings(input: FlowSettingsInput): FlowSettings {
  const { maxConcurrency, minPriority, maxPriority, maxKeyLength } = FLOW_SETTINGS_LIMITS;
  const concurrencyLimit = input.concurrencyLimit == null ? null : integerIn('concurrencyLimit', input.concurrencyLimit, 1, maxConcurrency);
  const concurrencyKeyLimit = input.concurrencyKeyLimit == null ? 1 : integerIn('concurrencyKeyLimit', input.concurrencyKeyLimit, 1, maxConcurrency);
  const priority = input.priority == null ? 0 : integerIn('priority', input.priority, minPriority, maxPriority);
  const key = input.concurrencyKey?.trim() ? input.concurrencyKey.trim() : null;
  if (key !== null) {
    if (key.length > maxKeyLength) throw invalid('concurrencyKey', `concurrencyKey is ${key.length} characters; the limit is ${maxKeyLength}`);
    const problem = keyTemplateError(key);
    if (problem !== undefined) throw invalid('concurrencyKey', `concurrencyKey is not a usable key: ${problem}`);
  }
  const errorFlowId = input.errorFlowId?.trim() ? input.errorFlowId.trim() : null;
  return { concurrencyLimit, concurrencyKey: key, concurrencyKeyLimit, priority, errorFlowId, ephemeral: input.ephemeral ?? false, ephemeralAllowEffects: input.ephemeralAllowEffects ?? false };
}

/** The settings stored on a flow row (list rows carry the same columns). */
export function settingsOf(row: FlowSettingsInput): FlowSettings {
  return {
    concurrencyLimit: row.concurrencyLimit ?? null,
    concurrencyKey: row.concurrencyKey ?? null,
    concurrencyKeyLimit: row.concurrencyKeyLimit ?? 1,
    priority: row.priority ?? 0,
    errorFlowId: row.errorFlowId ?? null,
    ephemeral: row.ephemeral ?? false,
    ephemeralAllowEffects: row.ephemeralAllowEffects ?? false,
  };
}
