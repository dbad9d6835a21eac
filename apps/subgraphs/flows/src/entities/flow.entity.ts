import { defineEntity, p, type Opt } from '@mikro-orm/core';
import type { FlowProblem } from '@omnitron/nodes';
import { triggerKindsOfIndex, type TriggerKind } from '../domain/flow-triggers';
import type { SampleInput } from '../domain/sample-input';

/**
 * The current state of a flow. Every save also writes an immutable `FlowVersion`.
 * `searchText` and `tagIndex` are derived on save so search and the tag filter are plain
 * `like` predicates on both SQLite and PostgreSQL.
 */
export const FlowSchema = defineEntity({
  name: 'Flow',
  tableName: 'flows',
  // Partial keyset indexes for `flows` and `deletedFlows`; the DDL lives in migration 0001.
  indexes: [
    { name: 'flows_live_by_update', expression: 'create index "flows_live_by_update" on "flows" ("workspace_id", "updated_at" desc, "id" desc) where "deleted_at" is null' },
    { name: 'flows_deleted_by_time', expression: 'create index "flows_deleted_by_time" on "flows" ("workspace_id", "deleted_at" desc, "id" desc) where "deleted_at" is not null' },
  ],
  properties: {
    id: p.string().length(36).primary(),
    workspaceId: p.string().length(36),
    ownerId: p.string().length(36),
    name: p.string().length(200),
    description: p.text().default(''),
    tags: p.json<string[]>(),
    nodes: p.json<unknown[]>(),
    edges: p.json<unknown[]>(),
    version: p.integer().default(1),
    valid: p.boolean(),
    problems: p.json<FlowProblem[]>(),
    /** Lowercased name, description and tags, for `flows(search:)`. */
    searchText: p.text(),
    /** Lowercased tags wrapped in U+001F separators, for `flows(tag:)`. */
    tagIndex: p.text(),
    /** Its webhook and schedule triggers are registered only while set (`activateFlow`); new flows start inactive. */
    active: p.boolean().default(false),
    /** The flow's trigger kinds as `|webhook|schedule|`, for `flows(triggerType:)` (see domain/flow-triggers). */
    triggerIndex: p.string().length(64).default(''),
    /** Flow control (`updateFlowSettings`, see domain/flow-settings): most runs of the flow at once; null = no limit. */
    concurrencyLimit: p.integer().nullable(),
    /** A `{{ }}` template over the run input naming a run's concurrency key; null = no key. */
    concurrencyKey: p.string().length(500).nullable(),
    /** Most runs at once that share one concurrency key. */
    concurrencyKeyLimit: p.integer().default(1),
    /** Queue order among this workspace's waiting runs: higher starts first. */
    priority: p.integer().default(0),
    /** A flow of the same workspace started when a run of this one fails. */
    errorFlowId: p.string().length(36).nullable(),
    /** Its webhook calls run in the receiving process and are recorded at the end (see domain/flow-settings). */
    ephemeral: p.boolean().default(false),
    /** An ephemeral flow may call outside the run (HTTP, AI). */
    ephemeralAllowEffects: p.boolean().default(false),
    /** The input test runs of the flow start with (`setFlowSampleInput`, see domain/sample-input); null = none. */
    sampleInput: p.json<SampleInput>().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});

/** A `{ id }` stub of an entity another subgraph owns (identity resolves users and workspaces). */
export interface EntityReference {
  readonly id: string;
}

export class Flow extends FlowSchema.class {
  /**
   * The owner for GraphQL's default resolver (plain list rows carry it as a property, see
   * flow-queries). Derived, not a column: `Opt` keeps it out of what creating a Flow requires.
   */
  get owner(): Opt<EntityReference> {
    return { id: this.ownerId } as Opt<EntityReference>;
  }

  get workspace(): Opt<EntityReference> {
    return { id: this.workspaceId } as Opt<EntityReference>;
  }

  /** The kinds of trigger the flow has (`triggerIndex` read back). */
  get triggerTypes(): Opt<TriggerKind[]> {
    return triggerKindsOfIndex(this.triggerIndex) as Opt<TriggerKind[]>;
  }
}
FlowSchema.setClass(Flow);
