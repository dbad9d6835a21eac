import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from '../context';
import { FlowSearchHitType } from '../types/flow-search.type';

const MAX_HITS = 50;

@Resolver(() => FlowSearchHitType)
export class FlowSearchResolver {
  /** Flows of the caller's workspace matching `query`, best first; empty until flows are indexed. */
  @Query(() => [FlowSearchHitType])
  async searchFlows(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: IntelligenceContext,
  ): Promise<FlowSearchHitType[]> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const limit = Math.min(Math.max(first ?? 10, 1), MAX_HITS);
    const hits = await ctx.services.search.search(ctx.em, caller.workspaceId, query.slice(0, 1_000), limit);
    return hits.map((hit) => ({ flow: { id: hit.flowId }, score: hit.score, ranking: hit.ranking }));
  }
}
