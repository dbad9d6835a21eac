import { useState } from 'react';
import { useClient } from 'urql';
import { ExecutionQuery } from '../documents/executions';
import { handDebugPins, pinnableOutputs } from '../editor/node-view/debug-pins';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';

interface DebugInEditorProps {
  readonly executionId: string;
  readonly flowId: string;
  /** False once the flow is deleted: there is no editor to open. */
  readonly flowExists: boolean;
}

/**
 * Opens the flow's editor with this run's node outputs pinned, so its nodes can be tested against
 * this run's data. The node runs are read when asked: the page's copy may predate the run's end.
 */
export function DebugInEditor({ executionId, flowId, flowExists }: DebugInEditorProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = async () => {
    setBusy(true);
    setError(undefined);
    const result = await client.query(ExecutionQuery, { id: executionId }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const run = result.data?.execution;
    if (!run) {
      setError(errorMessage(result.error) ?? 'The run could not be read');
      return;
    }
    handDebugPins(flowId, { executionId, outputs: pinnableOutputs(run.nodeRuns) });
    navigate(`/flows/${flowId}`);
  };
  return (
    <>
      <button type="button" disabled={!flowExists || busy} onClick={() => void open()} title="Open the flow with this run's node outputs pinned" data-testid="debug-in-editor">
        Debug in editor
      </button>
      {error && <span role="alert" className="error">{error}</span>}
    </>
  );
}
