import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { listNodeTypes } from '@omnitron/nodes';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { inspectFlowContent } from '../domain/flow-content';
import { withProblems } from '../services/credential-references';
import { FlowInput } from '../types/flow-input';
import { FlowValidationType } from '../types/flow-problem.type';
import { NodeTypeType } from '../types/node-type.type';

/** The node catalog and validation without saving. Reading the catalog needs `flows:read`. */
@Resolver()
export class CatalogResolver {
  @Query(() => [NodeTypeType])
  nodeTypes(@Ctx() ctx: FlowsContext): NodeTypeType[] {
    requireRole(ctx, 'viewer', 'flows:read');
    return listNodeTypes();
  }

  /** Every problem a save would meet, structural ones and credential references included, without saving anything. */
  @Mutation(() => FlowValidationType)
  async validateFlow(@Arg('input', () => FlowInput) input: FlowInput, @Ctx() ctx: FlowsContext): Promise<FlowValidationType> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const content = inspectFlowContent(input, ctx.settings);
    const { valid, problems } = withProblems(content, await ctx.credentials.problems(caller, content.nodes));
    return { valid, problems };
  }
}
