import type { EntityManager } from '@mikro-orm/core';
import { ephemeralRefusal, type FlowGraph } from '@omnitron/nodes';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import { checkFlowSettings, type FlowSettingsInput } from '../domain/flow-settings';
import { Flow } from '../entities/flow.entity';
import { recordFlowChange, silentFlowChanges, type FlowChangeSink } from './flow-change-feed';
import { streamOnlyRegistrar, type TriggerRegistrar } from './trigger-registrar';

/**
 * Writes a flow's settings (domain/flow-settings). They are not content: no version is saved and
 * `version` stays, so an editor's next save with `expectedVersion` does not conflict with them.
 * The change is recorded in the flow-change outbox like activation, and an active flow's triggers
 * are synced before it returns: the executions subgraph pins the settings on each trigger
 * registration, so webhook and schedule runs follow them without asking flows.
 * `ephemeral` is checked against the flow's current graph; a later save that adds a node an
 * ephemeral run cannot have makes its webhook calls run durably again (executions checks each
 * registration the same way), until the setting is turned off or the node removed.
 */
export class FlowSettingsStore {
  constructor(
    private readonly em: EntityManager,
    private readonly changes: FlowChangeSink = silentFlowChanges,
    private readonly triggers: TriggerRegistrar = streamOnlyRegistrar,
  ) {}

  /** Replaces the settings of a live flow of the caller's workspace; returns the flow. */
  async update(caller: Caller, id: string, input: FlowSettingsInput): Promise<Flow> {
    const settings = checkFlowSettings(input);
    if (settings.errorFlowId !== null) await this.checkErrorFlow(caller, id, settings.errorFlowId);
    if (settings.ephemeral) await this.checkEphemeral(caller, id, settings.ephemeralAllowEffects);
    const recorded = await this.em.transactional(async (tx) => {
      const affected = await tx.nativeUpdate(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { ...settings });
      if (affected === 0) throw notFound(`Flow ${id}`);
      const { version } = await tx.findOneOrFail(Flow, { id }, { fields: ['version'], refresh: true });
      return recordFlowChange(tx, { flowId: id, workspaceId: caller.workspaceId, version, change: 'saved', actorId: caller.userId });
    });
    await this.changes.announce(recorded);
    const flow = await this.em.findOneOrFail(Flow, { id }, { refresh: true });
    // When executions cannot be told now, the change stream re-registers the triggers a little later.
    if (flow.active) await this.triggers.sync(caller, id).catch(() => undefined);
    return flow;
  }

  /** An ephemeral flow starts from a webhook and has no node that needs the worker (nor effects, unless allowed). */
  private async checkEphemeral(caller: Caller, id: string, allowEffects: boolean): Promise<void> {
    const flow = await this.em.findOne(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { fields: ['nodes', 'edges'] });
    if (!flow) throw notFound(`Flow ${id}`);
    const refusal = ephemeralRefusal({ nodes: flow.nodes as FlowGraph['nodes'], edges: flow.edges as FlowGraph['edges'] }, { allowEffects });
    if (refusal === undefined) return;
    const problem = { code: 'NOT_EPHEMERAL', message: refusal.message, nodeId: refusal.nodeId ?? null, severity: 'error' };
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `ephemeral: ${refusal.message}`, { field: 'ephemeral', ...(refusal.nodeId ? { nodeId: refusal.nodeId } : {}), problems: [problem] });
  }

  /** The error flow must be another live flow of the same workspace (another workspace's reads as missing). */
  private async checkErrorFlow(caller: Caller, id: string, errorFlowId: string): Promise<void> {
    if (errorFlowId === id) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'errorFlowId names this flow: a flow cannot be its own error flow', { field: 'errorFlowId' });
    const found = await this.em.count(Flow, { id: errorFlowId, workspaceId: caller.workspaceId, deletedAt: null });
    if (found === 0) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `errorFlowId: there is no flow ${errorFlowId} in this workspace`, { field: 'errorFlowId' });
  }
}
