import type { SubgraphContext } from '@omnitron/server-kit';
import { Flow } from '../entities/flow.entity';

/** Resolves `Flow` for other subgraphs, within the caller's workspace only. */
export async function resolveFlowReference(ref: { id: string }, ctx: SubgraphContext): Promise<Flow | null> {
  if (!ctx.caller) return null;
  return ctx.em.findOne(Flow, { id: ref.id, workspaceId: ctx.caller.workspaceId, deletedAt: null });
}
