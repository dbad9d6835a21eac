import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { diffFlows } from '../domain/flow-diff';
import type { Flow } from '../entities/flow.entity';
import type { FlowVersion } from '../entities/flow-version.entity';
import type { Page } from '../services/connection';
import { findVersion, findVersionPair, listDeletedFlows, listFlows } from '../services/flow-queries';
import { FlowStore } from '../services/flow-store';
import { selectedFieldsAt } from './selection';
import { FlowsArgs, FlowVersionArgs, FlowVersionDiffArgs, PageArgs } from '../types/flow-args';
import { FlowConnection } from '../types/flow-connection.type';
import { FlowVersionDiffType } from '../types/flow-diff.type';
import { FlowVersionType } from '../types/flow-version.type';
import { FlowType } from '../types/flow.type';

/** The fields a connection's clients select on each flow (so a page reads only their columns). */
const selectedOnNodes = (info: GraphQLResolveInfo): ReadonlySet<string> => selectedFieldsAt(info, ['edges', 'node']);

/** Reads: viewer role and `flows:read`. Another workspace's flow reads exactly like a missing one. */
@Resolver()
export class FlowQueryResolver {
  @Query(() => FlowType, { nullable: true })
  async flow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<Flow | null> {
    requireRole(ctx, 'viewer', 'flows:read');
    return ctx.flowLoader.load(id);
  }

  /**
   * Most recently saved first. `search` matches every word in name, description or tags; `tag` is
   * exact (case-insensitive); `active` and `triggerType` filter on activation and trigger kind.
   */
  @Query(() => FlowConnection)
  async flows(
    @Args(() => FlowsArgs) { first, after, search, tag, active, triggerType }: FlowsArgs,
    @Ctx() ctx: FlowsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Flow>> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    return listFlows(ctx.em, caller.workspaceId, { first, after, search, tag, active, triggerType, selected: selectedOnNodes(info) });
  }

  /** The trash: flows deleted within the retention period (restorable with `restoreFlow`). */
  @Query(() => FlowConnection)
  async deletedFlows(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: FlowsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Flow>> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    return listDeletedFlows(ctx.em, caller.workspaceId, new FlowStore(ctx.em, ctx.settings).trashCutoff(), { first, after, selected: selectedOnNodes(info) });
  }

  /** One exact saved version of a live flow; what the executions subgraph runs. */
  @Query(() => FlowVersionType, { nullable: true })
  async flowVersion(@Args(() => FlowVersionArgs) { flowId, version }: FlowVersionArgs, @Ctx() ctx: FlowsContext): Promise<FlowVersion | null> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    return findVersion(ctx.em, caller.workspaceId, flowId, version);
  }

  @Query(() => FlowVersionDiffType)
  async flowVersionDiff(@Args(() => FlowVersionDiffArgs) { flowId, from, to }: FlowVersionDiffArgs, @Ctx() ctx: FlowsContext): Promise<FlowVersionDiffType> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const [before, after] = await findVersionPair(ctx.em, caller.workspaceId, flowId, from, to);
    return { flowId, from, to, ...diffFlows(before, after) };
  }
}
