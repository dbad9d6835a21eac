import type { FilterQuery } from '@mikro-orm/core';
import type { ExecutionStatus } from '@omnitron/schema';
import { decodeCursor, encodeCursor, pageSize } from '@omnitron/server-kit';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { EntityManager } from '@mikro-orm/core';
import { Execution } from '../entities/execution.entity';
import { triggerFilter, type ExecutionTrigger } from './run-trigger';

export interface ExecutionFilter {
  readonly workspaceId: string;
  readonly flowId?: string | null;
  readonly status?: ExecutionStatus | null;
  readonly trigger?: ExecutionTrigger | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface ExecutionPage {
  edges: { cursor: string; node: Execution }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses what no run can match for a reason the caller should hear: a malformed id, a range that ends before it starts. */
function checkFilter(filter: ExecutionFilter): void {
  if (filter.flowId && !UUID.test(filter.flowId)) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `flowId must be a flow's id (a UUID), got ${JSON.stringify(filter.flowId.slice(0, 60))}`, { field: 'flowId' });
  }
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `from (${filter.from.toISOString()}) is after to (${filter.to.toISOString()})`, { field: 'from' });
  }
}

/**
 * Newest first; the cursor is (createdAt, id), so a page stays stable while runs are added. Every
 * filter is within the caller's workspace, so another workspace's flow id matches nothing.
 */
export async function listExecutions(em: EntityManager, filter: ExecutionFilter): Promise<ExecutionPage> {
  checkFilter(filter);
  const size = pageSize(filter.first);
  const where: FilterQuery<Execution>[] = [{ workspaceId: filter.workspaceId, parentExecutionId: null }];
  if (filter.flowId) where.push({ flowId: filter.flowId });
  if (filter.status) where.push({ status: filter.status });
  if (filter.trigger) where.push(triggerFilter(filter.trigger) as FilterQuery<Execution>);
  if (filter.from) where.push({ createdAt: { $gte: filter.from } });
  if (filter.to) where.push({ createdAt: { $lt: filter.to } });
  if (filter.after) {
    const key = decodeCursor(filter.after);
    if (!key || key.length !== 2) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Invalid cursor');
    const at = new Date(Number(key[0]));
    where.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: String(key[1]) } }] });
  }
  const rows = await em.find(Execution, { $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 });
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor([node.createdAt.getTime(), node.id]), node }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > size } };
}
