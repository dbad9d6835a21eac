import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from '../context';
import { AiProvider } from '../entities/ai-provider.entity';
import { testProvider } from '../services/provider-tester';
import { parseInput, providerInputSchema } from '../services/provider-input';
import { describeProviders } from '../services/describe-providers';
import { AiProviderInput, AiProviderTestType, AiProviderType } from '../types/ai-provider.type';

@Resolver(() => AiProviderType)
export class AiProviderResolver {
  /** The workspace's providers with live health, in priority order. Keys are never returned. */
  @Query(() => [AiProviderType])
  async aiProviders(@Ctx() ctx: IntelligenceContext): Promise<AiProviderType[]> {
    const caller = requireRole(ctx, 'viewer', 'ai:read');
    const providers = await ctx.em.find(AiProvider, { workspaceId: caller.workspaceId }, { orderBy: { priority: 'asc', name: 'asc' } });
    return describeProviders(ctx.em, ctx.services, caller.workspaceId, providers);
  }

  /** Creates or updates (by name) a provider. Owners only: it decides where prompts are sent. */
  @Mutation(() => AiProviderType)
  async configureAiProvider(@Arg('input', () => AiProviderInput) input: AiProviderInput, @Ctx() ctx: IntelligenceContext): Promise<AiProviderType> {
    const caller = requireRole(ctx, 'owner', 'ai:write');
    const parsed = parseInput(providerInputSchema, stripNulls(input));
    const provider = await ctx.services.registry.configure(ctx.em, caller, parsed);
    ctx.log.info({ provider: provider.name, kind: provider.kind, workspaceId: caller.workspaceId }, 'AI provider configured');
    const [described] = await describeProviders(ctx.em, ctx.services, caller.workspaceId, [provider]);
    return described!;
  }

  @Mutation(() => Boolean)
  async removeAiProvider(@Arg('name', () => String) name: string, @Ctx() ctx: IntelligenceContext): Promise<boolean> {
    const caller = requireRole(ctx, 'owner', 'ai:write');
    await ctx.services.registry.remove(ctx.em, caller.workspaceId, name);
    ctx.log.info({ provider: name, workspaceId: caller.workspaceId }, 'AI provider removed');
    return true;
  }

  /** One minimal real call to the provider (spends one request of its quota upstream). */
  @Mutation(() => AiProviderTestType)
  async testAiProvider(@Arg('name', () => String) name: string, @Ctx() ctx: IntelligenceContext): Promise<AiProviderTestType> {
    const caller = requireRole(ctx, 'owner', 'ai:write');
    await ctx.services.registry.find(ctx.em, caller.workspaceId, name);
    const catalog = await ctx.services.catalog.forWorkspace(caller.workspaceId);
    const record = catalog.providers.find((p) => p.name === name);
    if (!record) return { ok: false, latencyMs: 0, error: 'NOT_LOADED', model: '' };
    return testProvider(ctx.services.catalog, record, ctx.services.settings.AI_PROVIDER_TIMEOUT_MS);
  }
}

/** GraphQL nulls mean "not given" for optional input fields, except `dailyQuota: null` (= unlimited). */
function stripNulls(input: AiProviderInput): Record<string, unknown> {
  const entries = Object.entries({ ...input }).filter(([key, value]) => value !== null || key === 'dailyQuota');
  return Object.fromEntries(entries);
}
