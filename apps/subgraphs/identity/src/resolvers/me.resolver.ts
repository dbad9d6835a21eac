import { Ctx, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import type { User } from '../entities/user.entity';
import { UserType } from '../types/user.type';

@Resolver(() => UserType)
export class MeResolver {
  /** The signed-in user; public so the studio can ask "am I signed in?" — null when anonymous. */
  @Query(() => UserType, { nullable: true })
  async me(@Ctx() ctx: IdentityContext): Promise<User | null> {
    if (!ctx.caller) return null;
    const caller = requireRole(ctx, 'viewer');
    return ctx.loaders.users.load(caller.userId);
  }
}
