import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { forbidden, notFound } from '@omnitron/schema';
import { requireRole, scopesBeyondRole } from '@omnitron/server-kit';
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

  /**
   * A key acting as the caller, within `scopes`, in the active workspace. The secret is returned only
   * here. Scopes beyond the caller's role (a viewer asking for flows:write) are FORBIDDEN.
   */
  @Mutation(() => CreatedApiKeyType)
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: IdentityContext): Promise<CreatedApiKeyType> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const valid = validate(createApiKeyRules, input);
    const beyond = scopesBeyondRole(valid.scopes, caller.role);
    if (beyond.length > 0) throw forbidden(`Your ${caller.role} role cannot grant ${beyond.join(', ')} to a key`);
    return ctx.services.apiKeys.create(ctx.em, caller, valid, ctx.clientIp ?? null);
  }

  /** Revokes at once (gateways drop their cached grant). Another workspace's key answers NOT_FOUND. */
  @Mutation(() => Boolean)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    if (!(await ctx.services.apiKeys.revoke(ctx.em, caller, id, ctx.clientIp ?? null))) throw notFound('API key');
    return true;
  }
}
