import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ErrorCode, OmnitronError, unauthenticated } from '@omnitron/schema';
import type { IdentityContext } from '../context';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';
import { AuditAction, recordAudit } from '../services/audit-log';
import { loginRules, registerRules, validate } from '../services/input-rules';
import { AuthPayloadType } from '../types/auth-payload.type';
import { LoginInput, RegisterInput } from '../types/inputs';
import { authPayloadOf } from './auth-payload';

const emailTaken = () => new OmnitronError(ErrorCode.CONFLICT, 'This email cannot be used to register; sign in instead');
/** One answer for an unknown email and a wrong password, so neither reveals which it was. */
const badCredentials = () => unauthenticated('Invalid email or password');

/**
 * Sign-up and sign-in. Both are public — they are how a caller gets credentials — so neither
 * calls requireRole; they are throttled per email and client IP instead.
 */
@Resolver()
export class AccountResolver {
  @Mutation(() => AuthPayloadType)
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: IdentityContext): Promise<AuthPayloadType> {
    const { email, name, password } = validate(registerRules, input);
    const { services, em } = ctx;
    const ip = ctx.clientIp ?? null;
    await services.throttle.registration(ip);
    if ((await em.count(User, { email })) > 0) throw emailTaken();
    const passwordHash = await services.passwords.hash(password);
    try {
      const session = await em.transactional(async (tx) => {
        const now = new Date();
        const user = tx.create(User, { id: randomUUID(), email, name, passwordHash, accessGeneration: 0, createdAt: now });
        // Each row before the rows that reference it: the unit of work knows plain id columns, not their foreign keys.
        await tx.flush();
        const workspace = tx.create(Workspace, { id: randomUUID(), name: `${name}'s workspace`, personal: true, personalOwnerId: user.id, createdAt: now });
        await tx.flush();
        const membership = tx.create(Membership, { id: randomUUID(), workspaceId: workspace.id, userId: user.id, role: 'owner', generation: user.accessGeneration, createdAt: now });
        recordAudit(tx, { action: AuditAction.registered, workspaceId: workspace.id, actorId: user.id, target: email, ip });
        const issued = await services.sessions.issue(tx, membership);
        await tx.flush();
        return issued;
      });
      return await authPayloadOf(ctx, session);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }

  @Mutation(() => AuthPayloadType)
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: IdentityContext): Promise<AuthPayloadType> {
    const { email, password } = validate(loginRules, input);
    const { services, em } = ctx;
    const ip = ctx.clientIp ?? null;
    await services.throttle.attempt(email, ip);
    // Both paths run the same queries and one full argon2 verify, so timing tells nothing.
    const user = await em.findOne(User, { email });
    const home = await em.findOne(Membership, { userId: user?.id ?? randomUUID() }, { orderBy: { createdAt: 'asc' } });
    const valid = user ? await services.passwords.verify(user.passwordHash, password) : await services.passwords.verifyDummy(password);
    if (!user || !valid || !home) {
      recordAudit(em, { action: AuditAction.signInFailed, workspaceId: home?.workspaceId ?? null, actorId: user?.id ?? null, target: email, ip });
      await em.flush();
      throw badCredentials();
    }
    await services.throttle.succeeded(email, ip);
    if (services.passwords.needsRehash(user.passwordHash)) user.passwordHash = await services.passwords.hash(password);
    recordAudit(em, { action: AuditAction.signedIn, workspaceId: home.workspaceId, actorId: user.id, target: email, ip });
    const session = await services.sessions.issue(em, home);
    await em.flush();
    return authPayloadOf(ctx, session);
  }
}
