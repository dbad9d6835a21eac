import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { JSONScalar, notFound } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { readFlowDocument, toFlowDocument, type FlowDocument } from '../domain/flow-document';
import type { Flow } from '../entities/flow.entity';
import { FlowStore } from '../services/flow-store';
import { FlowType } from '../types/flow.type';

/** Export and import of self-contained `omnitron.flow` documents. */
@Resolver()
export class TransferResolver {
  /** `{ format: "omnitron.flow", formatVersion: 1, name, description, tags, nodes, edges }`. */
  @Query(() => JSONScalar)
  async exportFlow(@Arg('id', () => ID) id: string, @Ctx() ctx: FlowsContext): Promise<FlowDocument> {
    requireRole(ctx, 'viewer', 'flows:read');
    const flow = await ctx.flowLoader.load(id);
    if (!flow) throw notFound(`Flow ${id}`);
    return toFlowDocument(flow);
  }

  /**
   * Checks the document's shape, then creates it in the caller's workspace like `createFlow`.
   * Credentials travel as names only; the imported flow's `problems` name each one missing here
   * (CREDENTIAL_MISSING) or of a type its node cannot use.
   */
  @Mutation(() => FlowType)
  async importFlow(@Arg('document', () => JSONScalar) document: unknown, @Ctx() ctx: FlowsContext): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers, ctx.credentials).create(caller, readFlowDocument(document), 'Imported');
  }
}
