import type { DashboardQuery } from '../generated/graphql';
import { Link } from '../router/link';

type FlowWithStats = DashboardQuery['flows']['edges'][number]['node'];

/** A horizontal bar in SVG, `value` of `max`. */
function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <svg viewBox="0 0 100 10" className="meter" role="img" aria-label={label}>
      <rect x={0} y={0} width={100} height={10} className="meter-track" />
      <rect x={0} y={0} width={max > 0 ? (100 * Math.min(value, max)) / max : 0} height={10} className="meter-fill" />
    </svg>
  );
}

/** Success rate and p95 duration per flow, each with a small bar. */
export function FlowStatsTable({ flows }: { flows: readonly FlowWithStats[] }) {
  const withRuns = flows.filter((f) => f.stats.runs > 0);
  const maxP95 = Math.max(1, ...withRuns.map((f) => f.stats.p95DurationMs ?? 0));
  return (
    <table className="table" data-testid="flow-stats">
      <thead><tr><th>Flow</th><th>Runs</th><th>Success rate</th><th>p95</th></tr></thead>
      <tbody>
        {withRuns.map((f) => {
          const rate = f.stats.successRate ?? 0;
          const p95 = f.stats.p95DurationMs ?? 0;
          return (
            <tr key={f.id}>
              <td><Link href={`/flows/${f.id}`}>{f.name}</Link></td>
              <td>{f.stats.runs}</td>
              <td><Meter value={rate} max={1} label={`success rate ${Math.round(rate * 100)}%`} /> {Math.round(rate * 100)}%</td>
              <td><Meter value={p95} max={maxP95} label={`p95 ${p95} ms`} /> {p95} ms</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
