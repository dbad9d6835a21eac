import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ExecutionsContext } from '../context';
import { ExecutionWait } from '../entities/execution-wait.entity';
import type { Execution } from '../entities/execution.entity';
import { ExecutionWaitType } from '../types/execution-wait.type';
import { ExecutionType } from '../types/execution.type';

@Resolver(() => ExecutionType)
export class ExecutionWaitsResolver {
  /** What the run waits for while WAITING (its parked nodes, earliest first); empty otherwise. */
  @FieldResolver(() => [ExecutionWaitType])
  async waits(@Root() execution: Execution, @Ctx() ctx: ExecutionsContext): Promise<ExecutionWaitType[]> {
    if (execution.status !== 'WAITING') return [];
    const rows = await ctx.em.find(ExecutionWait, { executionId: execution.id, status: 'WAITING' }, { orderBy: { dueAt: 'asc' } });
    return rows.map((row) => ({ nodeId: row.nodeId, kind: row.kind, until: row.dueAt, event: row.eventName ?? null }));
  }
}
