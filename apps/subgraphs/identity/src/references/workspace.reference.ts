import { requireCaller } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { Workspace } from '../entities/workspace.entity';

/**
 * Resolves `Workspace` for other subgraphs: batched, one query per federated fetch. Needs a
 * signed-in caller; the subgraph that named the workspace checked access to its object (see
 * `resolveUserReference`).
 */
export function resolveWorkspaceReference(ref: { id: string }, ctx: IdentityContext): Promise<Workspace | null> {
  requireCaller(ctx);
  return ctx.loaders.workspaces.load(ref.id);
}
