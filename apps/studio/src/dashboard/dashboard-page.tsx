import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { DashboardQuery } from '../documents/dashboard';
import { errorMessage } from '../graphql/errors';
import { FlowStatsTable } from './flow-stats-table';
import { runsByDay } from './runs-by-day';
import { RunsChart } from './runs-chart';

const DAYS = 14;

/** `/dashboard`: runs over time, success rate and p95 per flow, service health. */
export default function DashboardPage() {
  const [from] = useState(() => new Date(Date.now() - DAYS * 86_400_000).toISOString());
  const [{ data, error }] = useQuery({ query: DashboardQuery, variables: { from }, requestPolicy: 'cache-and-network' });
  const runs = useMemo(() => data?.executions.edges.map((e) => e.node) ?? [], [data]);
  const days = useMemo(() => runsByDay(runs, DAYS), [runs]);
  const services = data ? [data.identityStatus, data.flowsStatus, data.executionsStatus, data.intelligenceStatus] : [];
  return (
    <section className="page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <div className="card">
        <h2>Runs, last {DAYS} days</h2>
        <RunsChart days={days} />
      </div>
      <div className="card">
        <h2>Per flow</h2>
        <FlowStatsTable flows={data?.flows.edges.map((e) => e.node) ?? []} />
      </div>
      <ul className="health" aria-label="Service health">
        {services.map((s) => <li key={s.service} data-testid={`health-${s.service}`}>{s.service}: {s.ready ? 'ready' : 'down'}</li>)}
      </ul>
    </section>
  );
}
