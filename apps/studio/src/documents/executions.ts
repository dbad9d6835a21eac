import { graphql } from '../generated';

graphql(`
  fragment ExecutionDetail on Execution {
    id status input output durationMs startedAt finishedAt createdAt
    error { code message nodeId }
    flowName
    flow { id }
    queuedReason errorOfExecutionId
    nodeRuns { nodeId status attempts input output handle error { code message } attemptErrors { attempt code message } startedAt finishedAt }
    logs { seq nodeId level message at }
    waits { nodeId kind until event }
  }
`);

export const StartExecutionMutation = graphql(`
  mutation StartExecution($flowId: ID!, $input: JSON, $idempotencyKey: String) {
    startExecution(flowId: $flowId, input: $input, idempotencyKey: $idempotencyKey) { id status }
  }
`);

export const CancelExecutionMutation = graphql(`
  mutation CancelExecution($id: ID!) { cancelExecution(id: $id) { id status } }
`);

export const ExecutionQuery = graphql(`
  query Execution($id: ID!) { execution(id: $id) { ...ExecutionDetail flowVersion flowGraph test retryOfId retryFromNodeId } }
`);

/** The flow's version now, asked apart from the run: null once the flow is deleted, and the run still shows. */
export const CurrentFlowVersionQuery = graphql(`
  query CurrentFlowVersion($id: ID!) { flow(id: $id) { id version } }
`);

export const ExecutionEventsSubscription = graphql(`
  subscription ExecutionEvents($executionId: ID!, $afterSeq: Int) {
    executionEvents(executionId: $executionId, afterSeq: $afterSeq) {
      seq type nodeId at data
      execution { id status }
    }
  }
`);

/** Runs the editor's unsaved graph up to one node (#20): pinned data used unless `usePinned` is false. */
export const TestNodeMutation = graphql(`
  mutation TestNode($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {
    testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }
  }
`);

/** A new run reusing the results upstream of `fromNodeId`, on the version that ran or the current one. */
export const RetryExecutionMutation = graphql(`
  mutation RetryExecution($id: ID!, $fromNodeId: String, $version: RetryVersion) {
    retryExecution(id: $id, fromNodeId: $fromNodeId, version: $version) { id status retryOfId retryFromNodeId }
  }
`);

/** A node's data in the newest run of its flow that ran it: the node view after a reload. */
export const LastNodeRunQuery = graphql(`
  query LastNodeRun($flowId: ID!, $nodeId: String!) {
    lastNodeRun(flowId: $flowId, nodeId: $nodeId) {
      execution { id test createdAt }
      nodeRun { nodeId status input output outputTruncated durationMs error { code message } }
    }
  }
`);
