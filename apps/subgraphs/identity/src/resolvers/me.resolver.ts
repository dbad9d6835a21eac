import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@omnitron/server-kit';
import { User } from '../entities/user.entity';
import { UserType } from '../types/user.type';

@Resolver(() => UserType)
export class MeResolver {
  /** The signed-in user, or null for an anonymous caller. */
  @Query(() => UserType, { nullable: true })
  async me(@Ctx() ctx: SubgraphContext): Promise<User | null> {
    if (!ctx.caller) return null;
    return ctx.em.findOne(User, { id: ctx.caller.userId });
  }
}
