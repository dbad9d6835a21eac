import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { listCredentialTypes } from '@omnitron/nodes';
import { requireRole } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { Credential } from '../entities/credential.entity';
import { UndecryptableCredential } from '../services/credential-store';
import { CredentialInput, CredentialTestType, CredentialView, CredentialTypeInfo } from '../types/credential.type';

/**
 * The workspace's credential store. Everyone in the workspace sees names and types (to pick one in
 * a node); editors and owners create, update, delete and test. No answer ever carries a field
 * value: the values leave identity only over the signed resolve route, for a run.
 */
@Resolver(() => CredentialView)
export class CredentialResolver {
  @Query(() => [CredentialView])
  async credentials(@Ctx() ctx: IdentityContext): Promise<Credential[]> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    return ctx.services.credentials.list(ctx.em, caller.workspaceId);
  }

  /** Each type with the JSON schema of its fields: the studio's forms are drawn from this. */
  @Query(() => [CredentialTypeInfo])
  credentialTypes(@Ctx() ctx: IdentityContext): CredentialTypeInfo[] {
    requireRole(ctx, 'viewer');
    return listCredentialTypes();
  }

  @Mutation(() => CredentialView)
  async createCredential(@Arg('input', () => CredentialInput) input: CredentialInput, @Ctx() ctx: IdentityContext): Promise<Credential> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return ctx.services.credentials.create(ctx.em, caller, input, ctx.clientIp ?? null);
  }

  /** Rotation is an update giving the new secret; secret fields left out keep their values. */
  @Mutation(() => CredentialView)
  async updateCredential(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CredentialInput) input: CredentialInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<Credential> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return ctx.services.credentials.update(ctx.em, caller, id, input, ctx.clientIp ?? null);
  }

  /** Flows that name it fail validation (and their runs fail the node) until one of that name exists again. */
  @Mutation(() => Boolean)
  async deleteCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    await ctx.services.credentials.delete(ctx.em, caller, id, ctx.clientIp ?? null);
    return true;
  }

  /** A real request or connection with the credential, under the nodes' address policy; audited. */
  @Mutation(() => CredentialTestType)
  async testCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<CredentialTestType> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    const { credentials, credentialTester } = ctx.services;
    const credential = await credentials.get(ctx.em, caller.workspaceId, id);
    let result: CredentialTestType;
    try {
      result = await credentialTester.test(credentials.decrypted(credential));
    } catch (error) {
      if (!(error instanceof UndecryptableCredential)) throw error;
      result = { ok: false, code: 'UNDECRYPTABLE', message: error.message };
    }
    await credentials.recordTest(ctx.em, caller, credential, ctx.clientIp ?? null, { ok: result.ok, code: result.code });
    return result;
  }
}
