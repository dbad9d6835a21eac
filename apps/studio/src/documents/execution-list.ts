import { graphql } from '../generated';

/** The Executions page: runs filtered on the server by flow, status, trigger and date range. */
export const ExecutionListQuery = graphql(`
  query ExecutionList($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: $first, after: $after) {
      edges { cursor node { id status trigger queuedReason createdAt startedAt finishedAt durationMs flowName flow { id } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

/** The flows a run can be filtered by. */
export const ExecutionFlowOptionsQuery = graphql(`
  query ExecutionFlowOptions { flows(first: 100) { edges { node { id name } } } }
`);

export const DeleteExecutionMutation = graphql(`
  mutation DeleteExecution($id: ID!) { deleteExecution(id: $id) }
`);

/** Retries a finished run from its failed node (from the start when none failed), on the version it ran. */
export const RetryRunMutation = graphql(`
  mutation RetryRun($id: ID!) { retryExecution(id: $id) { id status } }
`);
