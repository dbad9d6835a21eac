import { requireCaller } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { User } from '../entities/user.entity';

/**
 * Resolves `User` for other subgraphs (a flow's owner, ...): batched, one query per federated fetch.
 * Needs a signed-in caller; there is no workspace check here because a reference only reaches
 * identity inside a plan whose owning subgraph already checked the caller's workspace and role for
 * the object that names this user, and `_entities` is not part of the public API (subgraphs only
 * answer requests the gateway signed).
 */
export function resolveUserReference(ref: { id: string }, ctx: IdentityContext): Promise<User | null> {
  requireCaller(ctx);
  return ctx.loaders.users.load(ref.id);
}
