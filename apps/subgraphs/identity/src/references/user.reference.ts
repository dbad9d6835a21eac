import type { SubgraphContext } from '@omnitron/server-kit';
import { User } from '../entities/user.entity';

/** Resolves `User` for other subgraphs (a flow's owner, ...). */
export async function resolveUserReference(ref: { id: string }, ctx: SubgraphContext): Promise<User | null> {
  return ctx.em.findOne(User, { id: ref.id });
}
