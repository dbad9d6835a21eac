import type { SubgraphContext } from '@omnitron/server-kit';
import { Execution } from '../entities/execution.entity';

/** Resolves `Execution` for other subgraphs, within the caller's workspace only. */
export async function resolveExecutionReference(ref: { id: string }, ctx: SubgraphContext): Promise<Execution | null> {
  if (!ctx.caller) return null;
  return ctx.em.findOne(Execution, { id: ref.id, workspaceId: ctx.caller.workspaceId });
}

/** `Flow` here only carries the fields this subgraph adds (executions, stats); the id is all it needs. */
export function resolveFlowReference(ref: { id: string }): { id: string } {
  return { id: ref.id };
}
