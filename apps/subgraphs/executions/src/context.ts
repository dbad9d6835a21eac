import DataLoader from 'dataloader';
import type { SubgraphContext } from '@omnitron/server-kit';
import { ExecutionLog } from './entities/execution-log.entity';
import { NodeRun } from './entities/node-run.entity';
import type { ExecutionsRuntime } from './runtime';

/** What the executions resolvers get: the base context, the shared runtime and per-request loaders. */
export interface ExecutionsContext extends SubgraphContext {
  readonly runtime: ExecutionsRuntime;
  readonly nodeRuns: DataLoader<string, NodeRun[]>;
  readonly logs: DataLoader<string, ExecutionLog[]>;
}

function groupBy<T extends { executionId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.executionId)?.push(row);
  return ids.map((id) => byId.get(id)!);
}

export function executionsContext(base: SubgraphContext, runtime: ExecutionsRuntime): ExecutionsContext {
  return {
    ...base,
    runtime,
    nodeRuns: new DataLoader(async (ids) =>
      groupBy(ids, await base.em.find(NodeRun, { executionId: { $in: [...ids] } }, { orderBy: { startedAt: 'asc nulls last', nodeId: 'asc' } })),
    ),
    logs: new DataLoader(async (ids) =>
      groupBy(ids, await base.em.find(ExecutionLog, { executionId: { $in: [...ids] } }, { orderBy: { seq: 'asc' } })),
    ),
  };
}
