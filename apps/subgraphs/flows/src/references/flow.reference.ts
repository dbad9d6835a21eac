import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import type { Flow } from '../entities/flow.entity';

/**
 * Resolves `Flow` for other subgraphs, within the caller's workspace only. Goes through the
 * request's DataLoader, so one `_entities` fetch of many flows is one SQL query.
 */
export function resolveFlowReference(ref: { id: string }, ctx: FlowsContext): Promise<Flow | null> {
  requireRole(ctx, 'viewer', 'flows:read');
  return ctx.flowLoader.load(ref.id);
}
