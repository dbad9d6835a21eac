import { useEditor } from '../editor/editor-context';
import { nodeView } from './run-state';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** What a node received and produced in the run on the canvas: input, output, error, logs. */
export function NodeRunDetails({ nodeId }: { nodeId: string }) {
  const view = useEditor((s) => (s.run ? nodeView(s.run, nodeId) : undefined));
  if (!view) return null;
  return (
    <section className="node-run-details" aria-label="Run details" data-testid="node-run-details">
      <h3>Run: <span data-testid="node-run-state">{view.state.toLowerCase()}</span>{view.attempt > 1 ? ` (attempt ${view.attempt})` : ''}</h3>
      {view.error && <p role="alert" className="error" data-testid="node-run-error">{view.error.code}: {view.error.message}</p>}
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
