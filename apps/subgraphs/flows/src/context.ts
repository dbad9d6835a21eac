import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { SubgraphContext } from '@omnitron/server-kit';
import type { Flow } from './entities/flow.entity';
import { uncheckedCredentials, type CredentialReferenceChecker } from './services/credential-references';
import { silentFlowChanges, type FlowChangeSink } from './services/flow-change-feed';
import { liveFlowsById } from './services/flow-queries';
import { streamOnlyRegistrar, type TriggerRegistrar } from './services/trigger-registrar';
import type { FlowsSettings } from './settings';

/** What every flows resolver gets: the base context plus settings and per-request loaders. */
export interface FlowsContext extends SubgraphContext {
  readonly settings: FlowsSettings;
  /** Live flows of the caller's workspace by id; one query per batch (federated fetches batch here). */
  readonly flowLoader: DataLoader<string, Flow | null>;
  /** Where FlowStore announces committed changes (the flow-change stream). */
  readonly flowChanges: FlowChangeSink;
  /** Registers an active flow's triggers with executions before a mutation returns. */
  readonly triggers: TriggerRegistrar;
  /** Checks the credentials a saved flow names against identity's store. */
  readonly credentials: CredentialReferenceChecker;
}

function createFlowLoader(em: EntityManager, workspaceId: string | undefined): DataLoader<string, Flow | null> {
  return new DataLoader<string, Flow | null>(async (ids) => {
    if (!workspaceId) return ids.map(() => null);
    const rows = await liveFlowsById(em, workspaceId, ids);
    const byId = new Map(rows.map((flow) => [flow.id, flow]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function createFlowsContext(
  base: SubgraphContext,
  settings: FlowsSettings,
  flowChanges: FlowChangeSink = silentFlowChanges,
  triggers: TriggerRegistrar = streamOnlyRegistrar,
  credentials: CredentialReferenceChecker = uncheckedCredentials,
): FlowsContext {
  return { ...base, settings, flowChanges, triggers, credentials, flowLoader: createFlowLoader(base.em, base.caller?.workspaceId) };
}
