import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import type { Flow } from '../entities/flow.entity';
import type { FlowVersion } from '../entities/flow-version.entity';
import type { Page } from '../services/connection';
import { listVersions } from '../services/flow-queries';
import { PageArgs } from '../types/flow-args';
import { FlowConnection } from '../types/flow-connection.type';
import { FlowVersionConnection, FlowVersionType } from '../types/flow-version.type';
import { FlowType } from '../types/flow.type';
import { UserRef } from '../types/refs.type';

/** Fields of `Flow` that load more than its row (`owner` and `workspace` are properties of it). */
@Resolver(() => FlowType)
export class FlowFieldsResolver {
  /** Every save, newest first. */
  @FieldResolver(() => FlowVersionConnection)
  versions(@Root() flow: Flow, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: FlowsContext): Promise<Page<FlowVersion>> {
    requireRole(ctx, 'viewer', 'flows:read');
    return listVersions(ctx.em, flow.id, { first, after });
  }
}

@Resolver(() => FlowVersionType)
export class FlowVersionFieldsResolver {
  @FieldResolver(() => UserRef)
  author(@Root() version: FlowVersion): UserRef {
    return { id: version.authorId };
  }
}

/** `totalCount` runs its count query only when a client selects it. */
@Resolver(() => FlowConnection)
export class FlowConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() page: Page<Flow>): Promise<number> {
    return page.count();
  }
}

@Resolver(() => FlowVersionConnection)
export class FlowVersionConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() page: Page<FlowVersion>): Promise<number> {
    return page.count();
  }
}
