import type { IdentityContext } from '../context';
import type { Workspace } from '../entities/workspace.entity';

/** Resolves `Workspace` for other subgraphs: batched, one query per federated fetch. */
export function resolveWorkspaceReference(ref: { id: string }, ctx: IdentityContext): Promise<Workspace | null> {
  return ctx.loaders.workspaces.load(ref.id);
}
