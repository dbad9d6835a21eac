import { raw, type EntityManager } from '@mikro-orm/core';
import { User } from '../entities/user.entity';

/**
 * Membership generations: how a role change or a removal revokes the access tokens issued before
 * it, at once and whatever the clock says.
 *
 * Every membership carries the generation its role was given, and every access token carries the
 * generation of the membership row it read its role from (`gen`, read in the same row, so the two
 * always belong together). Changing a role or removing a member draws a new, higher generation
 * and announces it; gateways then refuse any token of that user and workspace with a lower `gen`.
 *
 * Times could not do this: a JWT's `iat` is in whole seconds, so a token issued in the same second
 * as a change passed; and even at full precision, a token whose membership was read just before a
 * change (a login waiting on argon2, a refresh) is signed just after it, with the old role and a
 * later time. Its generation is the old one whenever it is signed.
 *
 * Generations are drawn from a counter per user (`users.access_generation`) rather than per
 * membership row, because removal deletes that row: a member removed and invited back gets a new
 * row, which starts at the user's current count, above every generation announced for the old one.
 */

/**
 * Draws the next generation for `userId`. Call it inside the transaction that changes or removes a
 * membership of theirs, and give that generation to the changed row: the increment is one atomic
 * statement, and on PostgreSQL it holds the user row until the transaction ends, so two changes
 * for one user at once get different generations, in the order they commit.
 */
export async function nextGeneration(em: EntityManager, userId: string): Promise<number> {
  await em.nativeUpdate(User, { id: userId }, { accessGeneration: raw('access_generation + 1') });
  return currentGeneration(em, userId);
}

/**
 * The generation a new membership of `userId` starts at: the user's latest, so tokens of an
 * earlier membership in the same workspace (removed since) stay refused and the new ones pass.
 */
export async function currentGeneration(em: EntityManager, userId: string): Promise<number> {
  const user = await em.findOneOrFail(User, { id: userId }, { fields: ['accessGeneration'], refresh: true });
  return user.accessGeneration;
}
