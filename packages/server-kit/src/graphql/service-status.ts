import { Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from './subgraph-server';

@ObjectType('ServiceStatus')
@Directive('@shareable')
export class ServiceStatus {
  @Field(() => String)
  service!: string;

  /** The service's database answered just now. */
  @Field(() => Boolean)
  ready!: boolean;
}

/** `Query.<name>Status`: lets the studio show each subgraph's health through the gateway. */
export function serviceStatusResolver(service: string): Function {
  @Resolver()
  class ServiceStatusResolver {
    @Query(() => ServiceStatus, { name: `${service}Status` })
    async status(@Ctx() ctx: SubgraphContext): Promise<ServiceStatus> {
      try {
        await ctx.em.getConnection().execute('select 1');
        return { service, ready: true };
      } catch {
        return { service, ready: false };
      }
    }
  }
  return ServiceStatusResolver;
}
