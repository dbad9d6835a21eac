import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { Flow } from '../entities/flow.entity';
import { credentialReferencesOf } from '../services/credential-references';
import { FlowType } from '../types/flow.type';

/** Which flows name a credential: what the studio lists before a credential is deleted or renamed. */
@Resolver()
export class CredentialUsageResolver {
  /** Live flows of the caller's workspace whose current version names `name` in a credential field, by name. */
  @Query(() => [FlowType])
  async flowsUsingCredential(@Arg('name', () => String) name: string, @Ctx() ctx: FlowsContext): Promise<Flow[]> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const flows = (await ctx.em.find(Flow, { workspaceId: caller.workspaceId, deletedAt: null }, { exclude: ['searchText', 'tagIndex'], orderBy: { name: 'asc', id: 'asc' } })) as Flow[];
    return flows.filter((flow) => credentialReferencesOf(flow.nodes as unknown[]).some((reference) => reference.name === name));
  }
}
