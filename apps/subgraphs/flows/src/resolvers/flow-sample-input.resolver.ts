import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { checkSampleInput } from '../domain/sample-input';
import type { Flow } from '../entities/flow.entity';
import { saveSampleInput } from '../services/flow-sample-input';
import { FlowType } from '../types/flow.type';

/** `setFlowSampleInput`: the input a flow's test runs start with, shared by everyone who edits it. */
@Resolver(() => FlowType)
export class FlowSampleInputResolver {
  /**
   * Sets the flow's sample input from JSON text (editor role, `flows:write`); null or blank text
   * clears it. Not content: no version is saved and `version` stays, so it never conflicts with an
   * editor's save. Text that is not JSON is VALIDATION_FAILED, more than 256 KiB as JSON is
   * PAYLOAD_TOO_LARGE; another workspace's flow reads as missing (NOT_FOUND).
   */
  @Mutation(() => FlowType)
  async setFlowSampleInput(
    @Arg('id', () => ID) id: string,
    @Arg('json', () => String, { nullable: true }) json: string | null,
    @Ctx() ctx: FlowsContext,
  ): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    const flow = await saveSampleInput(ctx.em, caller, id, checkSampleInput(json));
    ctx.log.info({ audit: 'flow.sample-input', flowId: id, workspaceId: caller.workspaceId, actorId: caller.userId, set: flow.sampleInput !== null }, 'flow sample input changed');
    return flow;
  }
}
