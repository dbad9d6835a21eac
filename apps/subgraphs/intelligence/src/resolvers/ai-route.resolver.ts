import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from '../context';
import { defaultTargets } from '../routing/route-plan';
import { TASK_TYPES } from '../routing/task-types';
import { parseInput, routeInputSchema } from '../services/provider-input';
import { AiRouteTargetInput, AiRouteType } from '../types/ai-route.type';

@Resolver(() => AiRouteType)
export class AiRouteResolver {
  /** The route of every task type: configured ones, else the default from providers' task types and priority. */
  @Query(() => [AiRouteType])
  async aiRoutes(@Ctx() ctx: IntelligenceContext): Promise<AiRouteType[]> {
    const caller = requireRole(ctx, 'viewer', 'ai:read');
    const catalog = await ctx.services.catalog.forWorkspace(caller.workspaceId);
    return TASK_TYPES.map((taskType) => {
      const configured = catalog.routes.get(taskType);
      const targets = configured ?? defaultTargets(catalog, taskType).map((t) => ({ provider: t.provider.name, model: t.model }));
      return { taskType, targets: targets.map((t) => ({ ...t })), configured: configured !== undefined };
    });
  }

  /** Sets the order of provider/model pairs for a task type; an empty list restores the default. */
  @Mutation(() => AiRouteType)
  async setAiRoute(
    @Arg('taskType', () => String) taskType: string,
    @Arg('targets', () => [AiRouteTargetInput]) targets: AiRouteTargetInput[],
    @Ctx() ctx: IntelligenceContext,
  ): Promise<AiRouteType> {
    const caller = requireRole(ctx, 'owner', 'ai:write');
    const input = parseInput(routeInputSchema, { taskType, targets: targets.map((t) => ({ ...t })) });
    await ctx.services.registry.setRoute(ctx.em, caller.workspaceId, input.taskType, input.targets);
    const catalog = await ctx.services.catalog.forWorkspace(caller.workspaceId);
    const effective = catalog.routes.get(input.taskType) ?? defaultTargets(catalog, input.taskType).map((t) => ({ provider: t.provider.name, model: t.model }));
    return { taskType: input.taskType, targets: effective.map((t) => ({ ...t })), configured: input.targets.length > 0 };
  }
}
