import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';
import { Execution } from '../entities/execution.entity';
import { abortable, executionEventFeed, type FeedExecution } from '../events/event-feed';
import type { ExecutionEventRecord } from '../events/execution-event';
import { executionNotFound } from '../services/execution-errors';
import { ExecutionEventGqlType } from '../types/execution-event.type';
import { ExecutionType } from '../types/execution.type';

interface EventArgs {
  executionId: string;
  afterSeq?: number | null;
}

/** Checks access before any event flows: another workspace's execution is NOT_FOUND. */
async function subscribeToEvents({ args, context }: SubscribeResolverData<unknown, EventArgs, ExecutionsContext>) {
  const caller = requireRole(context, 'viewer', 'executions:read');
  const afterSeq = Math.max(0, args.afterSeq ?? 0);
  // A run this process started lately: its workspace is known and its stream kept (see RecentOwners).
  const owner = context.runtime.events.owners.workspaceOf(args.executionId);
  if (owner !== undefined) {
    if (owner !== caller.workspaceId) throw executionNotFound();
    const unfinished: FeedExecution = { id: args.executionId, status: 'RUNNING', error: null, finishedAt: null };
    return abortable((signal) => executionEventFeed(context.runtime, unfinished, afterSeq, signal));
  }
  // Only what the feed reads: the pinned graph, input and output can be large JSON to parse. The
  // context's entity manager is this subscription's own fork; per-event reads fork afresh.
  const execution = await context.em.findOne(Execution, { id: args.executionId, workspaceId: caller.workspaceId }, { fields: ['status', 'error', 'finishedAt'] });
  if (!execution) throw executionNotFound();
  return abortable((signal) => executionEventFeed(context.runtime, execution, afterSeq, signal));
}

@Resolver(() => ExecutionEventGqlType)
export class ExecutionEventResolver {
  /** Replays the events after `afterSeq`, then follows live ones; completes after the terminal event. */
  @Subscription(() => ExecutionEventGqlType, { subscribe: subscribeToEvents as never })
  executionEvents(
    @Root() event: ExecutionEventRecord,
    @Arg('executionId', () => ID) _executionId: string,
    @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq?: number,
  ): ExecutionEventGqlType {
    return { ...event, at: new Date(event.at) };
  }

  /** Read fresh per event (a long-lived subscription must not see a cached row). */
  @FieldResolver(() => ExecutionType)
  async execution(@Root() event: ExecutionEventGqlType, @Ctx() ctx: ExecutionsContext): Promise<Execution> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    const execution = await ctx.runtime.orm.em.fork().findOne(Execution, { id: event.executionId, workspaceId: caller.workspaceId });
    if (!execution) throw executionNotFound();
    return execution;
  }
}
