import { useState } from 'react';
import { useMutation } from 'urql';
import { CancelExecutionMutation, StartExecutionMutation } from '../documents/executions';
import { useEditor } from '../editor/editor-context';
import { errorMessage } from '../graphql/errors';
import { Link } from '../router/link';
import { randomId } from '../ui/random-id';
import { RunDialog } from './run-dialog';
import { isTerminal } from './run-state';
import { useCanvasRun } from './use-canvas-run';
import { useExecutionEvents } from './use-execution-events';

/** Run (with an input), watch it live on the canvas, cancel it. */
export function RunControls({ flowId, canRun }: { flowId: string; canRun: boolean }) {
  const [executionId, setExecutionId] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const [, start] = useMutation(StartExecutionMutation);
  const [cancelling, cancel] = useMutation(CancelExecutionMutation);
  const { events, error: streamError } = useExecutionEvents(executionId);
  useCanvasRun(executionId, events);
  const status = useEditor((s) => s.run?.status);
  const running = status !== undefined && !isTerminal(status);

  const onRun = async (input: unknown) => {
    setError(undefined);
    const result = await start({ flowId, input, idempotencyKey: randomId() });
    if (result.data) setExecutionId(result.data.startExecution.id);
    else setError(errorMessage(result.error));
  };
  return (
    <div className="run-controls" role="group" aria-label="Run">
      <button type="button" className="primary" disabled={!canRun || running} onClick={() => setAsking(true)} data-testid="run-button" title={canRun ? 'Run the saved flow' : 'Save before running'}>
        ▶ Run
      </button>
      {running && executionId && (
        <button type="button" disabled={cancelling.fetching} onClick={() => void cancel({ id: executionId })} data-testid="cancel-run">■ Cancel</button>
      )}
      {status && (
        <span className={`run-status status-${status.toLowerCase()}`} data-testid="run-status" data-status={status.toLowerCase()} aria-live="polite">
          {status.toLowerCase()}
        </span>
      )}
      {executionId && <Link href={`/executions/${executionId}`} data-testid="run-details-link">details</Link>}
      {executionId && !running && <button type="button" onClick={() => setExecutionId(null)} data-testid="clear-run">Clear</button>}
      {(error ?? streamError) && <span role="alert" className="error" data-testid="run-error">{error ?? streamError}</span>}
      {asking && <RunDialog flowId={flowId} onRun={(input) => void onRun(input)} onClose={() => setAsking(false)} />}
    </div>
  );
}
