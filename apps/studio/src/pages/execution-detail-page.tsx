import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { CancelExecutionMutation, CurrentFlowVersionQuery, ExecutionQuery } from '../documents/executions';
import { NodeTypesQuery } from '../documents/flows';
import { DebugInEditor } from '../executions/debug-in-editor';
import { ExecutionCanvas } from '../executions/execution-canvas';
import { RetryProvider } from '../executions/retry-from-node';
import { StatusBadge } from '../executions/status-badge';
import { waitingFor } from '../executions/waiting-for';
import { errorMessage } from '../graphql/errors';
import { Link } from '../router/link';
import { isTerminal } from '../run/run-state';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The graph the run pinned at start (served with the run, so it outlives the flow). */
function pinnedGraph(name: string | null | undefined, graph: unknown): { name: string; nodes: unknown; edges: unknown } {
  const { nodes, edges } = (graph ?? {}) as { nodes?: unknown; edges?: unknown };
  return { name: name ?? 'Unnamed flow', nodes: nodes ?? [], edges: edges ?? [] };
}

/**
 * `/executions/:id`: the run on the canvas of the flow version it ran (live or replayed), input,
 * output and error. The flow may have been edited or deleted since; the canvas shows what actually ran.
 */
export default function ExecutionDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const [{ data, error }] = useQuery({ query: ExecutionQuery, variables: { id }, requestPolicy: 'network-only' });
  const [types] = useQuery({ query: NodeTypesQuery });
  const [, cancel] = useMutation(CancelExecutionMutation);
  const run = data?.execution;
  const [now] = useQuery({ query: CurrentFlowVersionQuery, variables: { id: run?.flow.id ?? '' }, pause: !run });
  const currentVersion = now.data?.flow?.version;
  // Memoised: the canvas builds its store once per graph.
  const graph = useMemo(() => run && pinnedGraph(run.flowName, run.flowGraph), [run]);
  if (error && !run) return <p role="alert" className="error">{errorMessage(error)}</p>;
  if (data && !run) return <p role="alert">No such execution.</p>;
  if (types.error && !types.data) return <p role="alert" className="error">{errorMessage(types.error)}</p>;
  if (!run || !graph || !types.data) return <p className="loading">Loading…</p>;
  return (
    <section className="page execution-detail" aria-labelledby="execution-title">
      <header className="page-header">
        <h1 id="execution-title">Run of <Link href={`/flows/${run.flow.id}`}>{run.flowName ?? 'Unnamed flow'}</Link></h1>
        <StatusBadge status={run.status} detail={waitingFor(run.waits).join('\n') || undefined} />
        {run.durationMs != null && <span className="muted">{run.durationMs} ms</span>}
        <span className="muted" data-testid="ran-version">
          version {run.flowVersion}{currentVersion !== undefined && currentVersion !== run.flowVersion ? ` (the flow is now at version ${currentVersion})` : ''}
          {now.data && !now.data.flow ? ' (the flow has since been deleted)' : ''}
        </span>
        {!isTerminal(run.status) && <button type="button" onClick={() => void cancel({ id })} data-testid="cancel-execution">Cancel</button>}
        <DebugInEditor executionId={id} flowId={run.flow.id} flowExists={now.data?.flow != null} />
      </header>
      {run.status === 'WAITING' && run.waits.length > 0 && (
        <ul className="muted" data-testid="execution-waits">
          {waitingFor(run.waits).map((line) => <li key={line}>Waiting for {line}</li>)}
        </ul>
      )}
      {error && <p role="alert" className="error">Part of this run could not be loaded: {errorMessage(error)}</p>}
      {run.queuedReason && <p className="muted" data-testid="queued-reason">{run.status === 'WAITING' ? 'Resuming' : 'Queued'}: {run.queuedReason}</p>}
      {run.errorOfExecutionId && <p className="muted" data-testid="error-flow-of">Error flow run for the failed run <Link href={`/executions/${run.errorOfExecutionId}`}>{run.errorOfExecutionId.slice(0, 8)}</Link></p>}
      {run.error && <p role="alert" className="error" data-testid="execution-error">{run.error.code}: {run.error.message}{run.error.nodeId ? ` (node ${run.error.nodeId})` : ''}</p>}
      {run.test && <p className="muted" data-testid="test-run-note">A test run of an unsaved draft from the editor, up to one node.</p>}
      {run.retryOfId && (
        <p className="muted" data-testid="retry-of">
          Retry of <Link href={`/executions/${run.retryOfId}`}>{run.retryOfId.slice(0, 8)}</Link>
          {run.retryFromNodeId ? <> from node <code>{run.retryFromNodeId}</code></> : ' from the start'}
        </p>
      )}
      <RetryProvider executionId={id} finished={isTerminal(run.status)}>
        <ExecutionCanvas executionId={id} stored={{ status: run.status, nodeRuns: run.nodeRuns }} flow={graph} nodeTypes={types.data.nodeTypes} />
      </RetryProvider>
      <div className="columns">
        <details open><summary>Input</summary><pre data-testid="execution-input">{pretty(run.input)}</pre></details>
        <details open><summary>Output</summary><pre data-testid="execution-output">{pretty(run.output)}</pre></details>
      </div>
      <details>
        <summary>Logs ({run.logs.length})</summary>
        <ol className="logs">{run.logs.map((l) => <li key={l.seq} className={`log-${l.level}`}><time>{l.at.slice(11, 23)}</time> {l.nodeId && <code>{l.nodeId}</code>} {l.message}</li>)}</ol>
      </details>
    </section>
  );
}
