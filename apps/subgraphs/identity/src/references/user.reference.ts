import { requireCaller } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { User } from '../entities/user.entity';

/**
 * Resolves `User` for other subgraphs (a flow's owner, ...): batched, one query per federated fetch.
 * Needs a signed-in caller; there is no workspace check here because a reference only reaches
 * identity inside a plan whose owning subgraph already checked the caller's workspace and role for
 * the object that names this user, and `_entities` is not part of the public API (subgraphs only
 * answer requests the gateway signed).
 *
 * The gateway keeps these answers for ENTITY_CACHE_TTL_MS (its `EntityCache`): what a `User`
 * reference resolves to must depend only on the id, never on who asks. A mutation that changes a
 * user's fields must also make gateways forget them (none exists yet).
 */
export function resolveUserReference(ref: { id: string }, ctx: IdentityContext): Promise<User | null> {
  requireCaller(ctx);
  return ctx.loaders.users.load(ref.id);
}
