import { z } from 'zod';
import type { Caller } from './caller';

/**
 * What the flows subgraph (producer) and its readers (executions: triggers; intelligence: search
 * index) agree on: one Redis stream of `FlowChange` events, appended after each committed change.
 *
 * The event only names the flow; readers load its current state themselves (signed as
 * `flowChangeCaller(change)`), so the stream stays small and a late or repeated event is harmless.
 */

/** Redis stream of flow changes, under the install's REDIS_PREFIX. */
export const flowChangesKey = (redisPrefix: string): string => `${redisPrefix}:flows:changes`;

/** Approximate length the stream is trimmed to on append (`XADD ... MAXLEN ~`). @default 100_000 */
export const FLOW_CHANGES_MAXLEN = 100_000;

/** Consumer groups on the stream: each group sees every change once, whatever its replica count. */
export const FlowChangeGroup = {
  /** executions: webhook paths and job schedulers of the flow's triggers. */
  executionsTriggers: 'executions-triggers',
  /** intelligence: the flow search index. */
  intelligenceSearch: 'intelligence-search',
} as const;
export type FlowChangeGroup = (typeof FlowChangeGroup)[keyof typeof FlowChangeGroup];

const uuid = z.uuid();

export const flowChangeSchema = z.object({
  flowId: uuid,
  workspaceId: uuid,
  /** The flow's version after a save; the last live version for a delete. */
  version: z.coerce.number().int().min(0),
  /** `saved`: created, updated, restored, imported or made from a template. `deleted`: moved to the trash. */
  change: z.enum(['saved', 'deleted']),
  /** When the change was committed (ISO 8601). */
  at: z.iso.datetime(),
  /** The user whose request made the change. */
  actorId: z.string().min(1).max(64),
});
export type FlowChange = z.infer<typeof flowChangeSchema>;

/** Stream entry fields (`field value field value ...`) of a change. */
export function encodeFlowChange(change: FlowChange): string[] {
  return ['flowId', change.flowId, 'workspaceId', change.workspaceId, 'version', String(change.version), 'change', change.change, 'at', change.at, 'actorId', change.actorId];
}

/** Reads a stream entry's fields; the error names each bad field and what it got. */
export function decodeFlowChange(fields: readonly string[]): FlowChange {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
  const result = flowChangeSchema.safeParse(record);
  if (result.success) return result.data;
  throw new TypeError(`Invalid FlowChange: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(record[String(i.path[0])])})`).join('; ')}`);
}

/**
 * The caller a reader signs when it loads the changed flow from the flows subgraph. No user is
 * on the line: the reader acts for the workspace, as the user who made the change (so registered
 * triggers record who saved them), with the owner role so the read never depends on that user's
 * current role. Only processes holding the internal signing key can sign it.
 */
export function flowChangeCaller(change: Pick<FlowChange, 'workspaceId' | 'actorId'>): Caller {
  return { userId: change.actorId, workspaceId: change.workspaceId, role: 'owner', scopes: null };
}
