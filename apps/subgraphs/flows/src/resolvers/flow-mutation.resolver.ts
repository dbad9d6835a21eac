import { Arg, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import type { Flow } from '../entities/flow.entity';
import { FlowStore } from '../services/flow-store';
import { CreateFlowArgs, RestoreFlowVersionArgs, UpdateFlowArgs } from '../types/flow-args';
import { FlowType } from '../types/flow.type';

const MESSAGE_MAX = 1_000;

function checkMessage(message: string | null | undefined): string | null {
  if (message == null || message.trim() === '') return null;
  if (message.length > MESSAGE_MAX) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `message is ${message.length} characters; the limit is ${MESSAGE_MAX}`, { field: 'message' });
  }
  return message.trim();
}

/**
 * Writes: editor role and `flows:write`. Every save validates through the node catalog: structural
 * problems refuse it (VALIDATION_FAILED), other problems are kept on the saved draft.
 */
@Resolver()
export class FlowMutationResolver {
  @Mutation(() => FlowType)
  async createFlow(@Args(() => CreateFlowArgs) { input, message }: CreateFlowArgs, @Ctx() ctx: FlowsContext): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers, ctx.credentials).create(caller, input, checkMessage(message ?? input.message));
  }

  /** Replaces the flow's content. A stale `expectedVersion` is CONFLICT (`extensions.currentVersion`); omitted, the last save wins. */
  @Mutation(() => FlowType)
  async updateFlow(@Args(() => UpdateFlowArgs) { id, input, expectedVersion, message }: UpdateFlowArgs, @Ctx() ctx: FlowsContext): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers, ctx.credentials).update(caller, id, input, expectedVersion, checkMessage(message ?? input.message));
  }

  /** Moves the flow to the trash; `restoreFlow` brings it back within the retention period. */
  @Mutation(() => Boolean)
  async deleteFlow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<boolean> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers).remove(caller, id);
  }

  @Mutation(() => FlowType)
  async restoreFlow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers).restore(caller, id);
  }

  /** Saves version `version`'s content as a new version (history is never rewritten). */
  @Mutation(() => FlowType)
  async restoreFlowVersion(
    @Args(() => RestoreFlowVersionArgs) { id, version, expectedVersion }: RestoreFlowVersionArgs,
    @Ctx() ctx: FlowsContext,
  ): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers, ctx.credentials).restoreVersion(caller, id, version, expectedVersion);
  }

  /**
   * Registers the flow's webhook and schedule triggers: when it returns, its webhook answers and
   * its schedule is due. Needs a valid flow with such a trigger; a webhook path another flow holds
   * is CONFLICT and leaves the flow inactive. Audited in the flows log (`flow activated`, with the caller).
   */
  @Mutation(() => FlowType)
  async activateFlow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<Flow> {
    return this.setActive(ctx, id, true);
  }

  /** Removes the flow's webhook and schedule triggers; it still runs when started by hand. Audited like activateFlow. */
  @Mutation(() => FlowType)
  async deactivateFlow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<Flow> {
    return this.setActive(ctx, id, false);
  }

  private async setActive(ctx: FlowsContext, id: string, active: boolean): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    const flow = await new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers).setActive(caller, id, active);
    // The audit record: who switched which flow, under the request's id (flows keeps no audit table).
    ctx.log.info({ audit: active ? 'flow.activate' : 'flow.deactivate', flowId: id, workspaceId: caller.workspaceId, actorId: caller.userId, version: flow.version }, active ? 'flow activated' : 'flow deactivated');
    return flow;
  }
}
