import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import { usePolling } from '../app/use-polling';
import { ExecutionsQuery } from '../documents/executions';
import { StatusBadge } from '../executions/status-badge';
import type { ExecutionStatus } from '../generated/graphql';
import { Link } from '../router/link';
import { useLocation } from '../router/location';
import { QueryError } from '../ui/query-error';

const STATUSES: ExecutionStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** `/executions[?flowId=]`: recent runs, filterable by status. */
export default function ExecutionsPage() {
  const flowId = useLocation().searchParams.get('flowId') ?? undefined;
  const [status, setStatus] = useState<ExecutionStatus>();
  const [after, setAfter] = useState<string>();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ExecutionsQuery, variables: { flowId, status, first: 50, after }, requestPolicy: 'cache-and-network' });
  const runs = data?.executions.edges.map((e) => e.node) ?? [];
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  usePolling(refresh, { everyMs: 3_000, active: runs.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING') });
  return (
    <section className="page" aria-labelledby="executions-title">
      <header className="page-header">
        <h1 id="executions-title">Executions</h1>
        <label>
          Status{' '}
          <select value={status ?? ''} onChange={(e) => { setStatus((e.target.value || undefined) as ExecutionStatus | undefined); setAfter(undefined); }} data-testid="execution-status-filter">
            <option value="">any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </label>
      </header>
      <QueryError error={error} what="The runs could not be loaded" />
      <table className="table" data-testid="execution-list" aria-busy={fetching}>
        <thead><tr><th>Run</th><th>Flow</th><th>Status</th><th>Started</th><th>Duration</th></tr></thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid={`execution-row-${run.id}`}>
              <td><Link href={`/executions/${run.id}`}>{run.id.slice(0, 8)}</Link></td>
              <td><Link href={`/flows/${run.flow.id}`} data-testid="execution-flow-name">{run.flowName ?? 'Unnamed flow'}</Link></td>
              <td><StatusBadge status={run.status} />{run.queuedReason && <span className="muted queued-reason" data-testid="queued-reason"> {run.queuedReason}</span>}</td>
              <td>{new Date(run.startedAt ?? run.createdAt).toLocaleString()}</td>
              <td>{run.durationMs != null ? `${run.durationMs} ms` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.executions.pageInfo.hasNextPage && <button type="button" onClick={() => setAfter(data.executions.pageInfo.endCursor ?? undefined)}>Next page</button>}
    </section>
  );
}
