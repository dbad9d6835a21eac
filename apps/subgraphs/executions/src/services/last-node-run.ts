import type { EntityManager } from '@mikro-orm/core';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { sqlRows, type Caller } from '@omnitron/server-kit';
import { Execution } from '../entities/execution.entity';
import { NodeRun } from '../entities/node-run.entity';
import type { FlowsClient } from '../clients/flows-client';
import { flowNotFound } from './execution-errors';

/** A node's result in one run, with the run: what the editor's node view shows after a reload. */
export interface LastNodeRun {
  readonly execution: Execution;
  readonly nodeRun: NodeRun;
}

/** Node runs that ran: the node has an input and an output or an error to show (not pending, skipped or cancelled before it ran). */
const RAN = ['SUCCEEDED', 'FAILED'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The newest top-level run of flow `flowId` in the caller's workspace (a test run or a real one)
 * in which node `nodeId` ran, with that node's result; null when none did. A flow the caller
 * cannot see (another workspace's, deleted, none) is NOT_FOUND: asked of the flows subgraph only
 * when no run matched, since every run's workspace is its own.
 */
export async function lastNodeRun(em: EntityManager, flows: Pick<FlowsClient, 'currentFlow'>, caller: Caller, flowId: string, nodeId: string): Promise<LastNodeRun | null> {
  if (!UUID.test(flowId)) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `flowId must be a flow's id (a UUID), got ${JSON.stringify(flowId.slice(0, 60))}`, { field: 'flowId' });
  const [found] = await sqlRows(
    em,
    `select e."id" from "executions" e join "node_runs" r on r."execution_id" = e."id"
     where e."workspace_id" = ? and e."flow_id" = ? and e."parent_execution_id" is null and r."node_id" = ? and r."status" in (?, ?)
     order by e."created_at" desc, e."id" desc limit 1`,
    [caller.workspaceId, flowId, nodeId, ...RAN],
  );
  if (!found) {
    if (!(await flows.currentFlow(caller, flowId))) throw flowNotFound();
    return null;
  }
  const executionId = String(found.id);
  const [execution, nodeRun] = await Promise.all([em.findOneOrFail(Execution, { id: executionId }), em.findOneOrFail(NodeRun, { executionId, nodeId })]);
  return { execution, nodeRun };
}
