import { Ctx, Query, Resolver } from 'type-graphql';
import { requireRole, type SubgraphContext } from '@omnitron/server-kit';
import { AiProvider } from '../entities/ai-provider.entity';
import { AiProviderType } from '../types/ai-provider.type';

@Resolver(() => AiProviderType)
export class AiProviderResolver {
  /** The workspace's configured providers, in routing priority order. Keys are never returned. */
  @Query(() => [AiProviderType])
  async aiProviders(@Ctx() ctx: SubgraphContext): Promise<AiProvider[]> {
    const caller = requireRole(ctx, 'viewer', 'ai:read');
    return ctx.em.find(AiProvider, { workspaceId: caller.workspaceId }, { orderBy: { priority: 'asc', name: 'asc' } });
  }
}
