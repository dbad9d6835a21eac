import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { settingsOf, type FlowSettings } from '../domain/flow-settings';
import type { Flow } from '../entities/flow.entity';
import { FlowSettingsStore } from '../services/flow-settings-store';
import { FlowSettingsInputType, FlowSettingsType } from '../types/flow-settings.type';
import { FlowType } from '../types/flow.type';

/** `Flow.settings` and `updateFlowSettings`: concurrency, priority, the error flow and ephemeral webhook runs. */
@Resolver(() => FlowType)
export class FlowSettingsResolver {
  @FieldResolver(() => FlowSettingsType)
  settings(@Root() flow: Flow): FlowSettings {
    return settingsOf(flow);
  }

  /**
   * Replaces the flow's settings (editor role, `flows:write`). Runs started afterwards follow
   * them; runs already started keep the settings they pinned. VALIDATION_FAILED names the field.
   * Audited in the flows log (`flow settings changed`, with the caller).
   */
  @Mutation(() => FlowType)
  async updateFlowSettings(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FlowSettingsInputType) input: FlowSettingsInputType,
    @Ctx() ctx: FlowsContext,
  ): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    const flow = await new FlowSettingsStore(ctx.em, ctx.flowChanges, ctx.triggers).update(caller, id, input);
    ctx.log.info({ audit: 'flow.settings', flowId: id, workspaceId: caller.workspaceId, actorId: caller.userId, settings: settingsOf(flow) }, 'flow settings changed');
    return flow;
  }
}
