import { z } from 'zod';
import { loadConfig } from '@omnitron/server-kit';

const positiveInt = z.coerce.number().int().positive();

/** Settings of the flows subgraph, on top of the shared ones. */
export const flowsSettingsSchema = z.object({
  /** Most nodes one flow may hold; more is PAYLOAD_TOO_LARGE. @default 5_000 */
  FLOW_MAX_NODES: positiveInt.default(5_000),
  /** Largest flow document (nodes + edges as JSON); more is PAYLOAD_TOO_LARGE. @default 5 MiB */
  FLOW_MAX_DOCUMENT_BYTES: positiveInt.default(5 * 1_048_576),
  /** How long a deleted flow stays restorable before it is purged. @default 30 */
  FLOW_TRASH_RETENTION_DAYS: positiveInt.default(30),
  /** How often deleted flows past their retention are purged. @default 3_600_000 (1 h) */
  FLOW_PURGE_EVERY_MS: positiveInt.default(3_600_000),
  /**
   * The executions subgraph (its /graphql URL), called signed when a flow is activated or an active
   * flow saved, so its triggers are registered before the call returns. @default http://127.0.0.1:4003/graphql
   */
  EXECUTIONS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
  /**
   * The identity subgraph (its /graphql URL), asked (signed) at each save whether the credentials
   * the flow names exist with a type its nodes accept. @default http://127.0.0.1:4001/graphql
   */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
});

export interface FlowsSettings {
  readonly maxNodes: number;
  readonly maxDocumentBytes: number;
  readonly trashRetentionDays: number;
  readonly purgeEveryMs: number;
  /** Where activation registers triggers; null leaves registration to the flow-change stream (tests of flows alone). */
  readonly executionsUrl: string | null;
  /** Where saves check credential references; null leaves them unchecked (tests of flows alone). */
  readonly identityUrl: string | null;
}

/** Reads the flows settings from the environment (every bad one named in one ConfigError). */
export function loadFlowsSettings(env: NodeJS.ProcessEnv = process.env): FlowsSettings {
  const parsed = loadConfig(flowsSettingsSchema, env);
  return {
    maxNodes: parsed.FLOW_MAX_NODES,
    maxDocumentBytes: parsed.FLOW_MAX_DOCUMENT_BYTES,
    trashRetentionDays: parsed.FLOW_TRASH_RETENTION_DAYS,
    purgeEveryMs: parsed.FLOW_PURGE_EVERY_MS,
    executionsUrl: parsed.EXECUTIONS_URL,
    identityUrl: parsed.IDENTITY_URL,
  };
}

/** The HTTP body limit the flows subgraph needs: a maximal document plus room for the operation. */
export function flowsBodyLimit(settings: FlowsSettings): number {
  return settings.maxDocumentBytes + 1_048_576;
}
