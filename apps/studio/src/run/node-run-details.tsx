import { useEffect, useRef } from 'react';
import { useEditor } from '../editor/editor-context';
import { formatMs, stateLabel } from '../editor/node-run-badge';
import { nodeView, type NodeAttemptView } from './run-state';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

const spanOf = (attempt: NodeAttemptView): number | undefined =>
  attempt.startedAt && attempt.endedAt ? Date.parse(attempt.endedAt) - Date.parse(attempt.startedAt) : undefined;

/** One line per attempt: when it started, how long it took, how it failed. */
function Attempts({ attempts }: { attempts: readonly NodeAttemptView[] }) {
  return (
    <ol className="node-attempts" data-testid="node-run-attempts">
      {attempts.map((attempt) => {
        const took = spanOf(attempt);
        return (
          <li key={attempt.attempt} data-testid={`node-run-attempt-${attempt.attempt}`} className={attempt.error ? 'log-error' : undefined}>
            Attempt {attempt.attempt}
            {attempt.startedAt && <> at <time>{attempt.startedAt.slice(11, 23)}</time></>}
            {took !== undefined && <>, {formatMs(took)}</>}
            {attempt.error ? <>: {attempt.error.code}: {attempt.error.message}</> : attempt.endedAt ? ': ok' : ''}
          </li>
        );
      })}
    </ol>
  );
}

/** What a node received and produced in the run on the canvas: error and attempts first, input, output, logs. */
export function NodeRunDetails({ nodeId }: { nodeId: string }) {
  const view = useEditor((s) => (s.run ? nodeView(s.run, nodeId) : undefined));
  const errorRef = useRef<HTMLParagraphElement>(null);
  const failed = view?.state === 'FAILED';
  useEffect(() => {
    if (failed) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failed, nodeId]);
  if (!view) return null;
  const attempts = view.attempts ?? [];
  return (
    <section className="node-run-details" aria-label="Run details" data-testid="node-run-details">
      <h3>Run: <span data-testid="node-run-state">{stateLabel(view.state).replace('-', ' ')}</span>{view.attempt > 1 ? ` (attempt ${view.attempt})` : ''}</h3>
      {view.state === 'NOT_RUN' && <p className="muted">The run ended before it reached this node.</p>}
      {view.error && <p ref={errorRef} role="alert" className="error" data-testid="node-run-error">{view.error.code}: {view.error.message}</p>}
      {attempts.length > 1 || attempts.some((a) => a.error) ? <Attempts attempts={attempts} /> : null}
      <details open={view.input !== undefined}>
        <summary>Input</summary>
        <pre data-testid="node-run-input">{pretty(view.input)}</pre>
      </details>
      <details open={view.output !== undefined}>
        <summary>Output</summary>
        <pre data-testid="node-run-output">{pretty(view.output)}</pre>
      </details>
      {view.logs.length > 0 && (
        <details open>
          <summary>Logs ({view.logs.length})</summary>
          <ol className="logs" data-testid="node-run-logs">
            {view.logs.map((log, i) => (
              <li key={i} className={`log-${log.level}`}><time>{log.at.slice(11, 23)}</time> {log.message}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
