import type { NodeRunView } from '../run/run-state';

const formatMs = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

/** The node's live state: status, attempt while retrying, and how long it took. */
export function NodeRunBadge({ run, nodeId }: { run: NodeRunView; nodeId: string }) {
  const attempt = run.state === 'RETRYING' || run.attempt > 1 ? ` · attempt ${run.attempt}` : '';
  return (
    <div className="node-run-badge" data-testid={`node-status-${nodeId}`} data-status={run.state.toLowerCase()}>
      <span className={`status-dot status-${run.state.toLowerCase()}`} aria-hidden="true" />
      {run.state.toLowerCase()}
      {attempt}
      {run.durationMs !== undefined && <span className="muted"> · {formatMs(run.durationMs)}</span>}
    </div>
  );
}
