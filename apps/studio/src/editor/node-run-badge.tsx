import type { NodeRunState, NodeRunView } from '../run/run-state';

export const formatMs = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

/** `not-run`, `succeeded`...: the words shown and the `data-status` tests read. */
export const stateLabel = (state: NodeRunState) => state.toLowerCase().replace('_', '-');

/** The node's live state: status, attempt while retrying, how long it took, and why it failed. */
export function NodeRunBadge({ run, nodeId }: { run: NodeRunView; nodeId: string }) {
  const attempt = run.state === 'RETRYING' || run.attempt > 1 ? ` · attempt ${run.attempt}` : '';
  const label = stateLabel(run.state);
  const error = run.state === 'FAILED' || run.state === 'RETRYING' ? run.error : undefined;
  return (
    <>
      <div className="node-run-badge" data-testid={`node-status-${nodeId}`} data-status={label}>
        <span className={`status-dot status-${label}`} aria-hidden="true" />
        {label.replace('-', ' ')}
        {attempt}
        {run.state === 'WAITING' && run.waitingFor && <span data-testid={`node-waiting-for-${nodeId}`}> {run.waitingFor}</span>}
        {run.durationMs !== undefined && <span className="muted"> · {formatMs(run.durationMs)}</span>}
      </div>
      {error && (
        <div className="node-run-error" data-testid={`node-error-${nodeId}`} title={`${error.code ?? 'ERROR'}: ${error.message ?? ''}`}>
          {error.code ?? 'ERROR'}: {error.message ?? ''}
        </div>
      )}
    </>
  );
}
