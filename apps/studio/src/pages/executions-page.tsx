import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import { usePolling } from '../app/use-polling';
import { ExecutionListQuery } from '../documents/execution-list';
import { ExecutionFilterBar } from '../executions/execution-filter-bar';
import { filterVariables, hasFilters, triggerLabel, type ExecutionFilters } from '../executions/execution-filters';
import { ExecutionRowActions } from '../executions/execution-row-actions';
import { StatusBadge } from '../executions/status-badge';
import { Link } from '../router/link';
import { useLocation } from '../router/location';
import { QueryError } from '../ui/query-error';

/** `/executions[?flowId=]`: recent runs, filtered by flow, status, trigger and dates; retried or deleted from their row. */
export default function ExecutionsPage() {
  const initialFlowId = useLocation().searchParams.get('flowId') ?? undefined;
  const [filters, setFilters] = useState<ExecutionFilters>({ flowId: initialFlowId });
  const [after, setAfter] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ExecutionListQuery,
    variables: { ...filterVariables(filters), first: 50, after },
    requestPolicy: 'cache-and-network',
  });
  const runs = data?.executions.edges.map((e) => e.node) ?? [];
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  usePolling(refresh, { everyMs: 3_000, active: runs.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING' || run.status === 'WAITING') });
  const onFilters = (next: ExecutionFilters) => {
    setFilters(next);
    setAfter(undefined);
  };
  return (
    <section className="page" aria-labelledby="executions-title">
      <header className="page-header">
        <h1 id="executions-title">Executions</h1>
      </header>
      <ExecutionFilterBar filters={filters} onChange={onFilters} />
      <QueryError error={error} what="The runs could not be loaded" />
      {actionError && <p role="alert" className="error" data-testid="execution-action-error">{actionError}</p>}
      <table className="table" data-testid="execution-list" aria-busy={fetching}>
        <thead><tr><th>Run</th><th>Flow</th><th>Status</th><th>Trigger</th><th>Started</th><th>Duration</th><th /></tr></thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid={`execution-row-${run.id}`}>
              <td><Link href={`/executions/${run.id}`}>{run.id.slice(0, 8)}</Link></td>
              <td><Link href={`/flows/${run.flow.id}`} data-testid="execution-flow-name">{run.flowName ?? 'Unnamed flow'}</Link></td>
              <td><StatusBadge status={run.status} />{run.queuedReason && <span className="muted queued-reason" data-testid="queued-reason"> {run.queuedReason}</span>}</td>
              <td data-testid="execution-trigger">{triggerLabel(run.trigger)}</td>
              <td>{new Date(run.startedAt ?? run.createdAt).toLocaleString()}</td>
              <td>{run.durationMs != null ? `${run.durationMs} ms` : '—'}</td>
              <td><ExecutionRowActions id={run.id} status={run.status} onDeleted={refresh} onError={setActionError} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!fetching && !error && runs.length === 0 && (
        <p className="muted" data-testid="no-executions">{hasFilters(filters) ? 'No runs match these filters.' : 'No runs yet.'}</p>
      )}
      {data?.executions.pageInfo.hasNextPage && <button type="button" onClick={() => setAfter(data.executions.pageInfo.endCursor ?? undefined)}>Next page</button>}
    </section>
  );
}
