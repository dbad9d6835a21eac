import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { ApiKey } from '../entities/api-key.entity';
import { createApiKeyRules, validate } from '../services/input-rules';
import { ApiKeyType, CreatedApiKeyType } from '../types/api-key.type';
import { CreateApiKeyInput } from '../types/inputs';
import { requireSession } from '../services/workspace-access';

/** Keys are managed by signed-in people only: an API key cannot mint, list or revoke keys. */
@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  /** The caller's live keys in the active workspace. */
  @Query(() => [ApiKeyType])
  async apiKeys(@Ctx() ctx: IdentityContext): Promise<ApiKey[]> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    return ctx.services.apiKeys.list(ctx.em, caller);
  }

  /** A key acting as the caller, within `scopes`, in the active workspace. The secret is returned only here. */
  @Mutation(() => CreatedApiKeyType)
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: IdentityContext): Promise<CreatedApiKeyType> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    return ctx.services.apiKeys.create(ctx.em, caller, validate(createApiKeyRules, input), ctx.clientIp ?? null);
  }

  /** Revokes at once (gateways drop their cached grant). Another workspace's key answers NOT_FOUND. */
  @Mutation(() => Boolean)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    if (!(await ctx.services.apiKeys.revoke(ctx.em, caller, id, ctx.clientIp ?? null))) throw notFound('API key');
    return true;
  }
}
