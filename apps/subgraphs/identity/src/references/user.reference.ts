import type { IdentityContext } from '../context';
import type { User } from '../entities/user.entity';

/** Resolves `User` for other subgraphs (a flow's owner, ...): batched, one query per federated fetch. */
export function resolveUserReference(ref: { id: string }, ctx: IdentityContext): Promise<User | null> {
  return ctx.loaders.users.load(ref.id);
}
