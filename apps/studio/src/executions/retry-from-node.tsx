import { createContext, useContext, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { RetryExecutionMutation } from '../documents/executions';
import type { RetryVersion } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';

interface RetryTarget {
  readonly executionId: string;
  /** Only a finished run can be retried. */
  readonly finished: boolean;
}

const RetryContext = createContext<RetryTarget | null>(null);

/** Offers "Retry from this node" in the node panel of a run's canvas. */
export function RetryProvider({ executionId, finished, children }: RetryTarget & { children: ReactNode }) {
  return <RetryContext value={{ executionId, finished }}>{children}</RetryContext>;
}

/**
 * Starts a new run from this node: every node upstream of it keeps the result it had in this run
 * (not called again), the rest runs, on the version that ran or on the flow as saved now. Opens
 * the new run; a refusal (the current version lacks the nodes upstream) is shown with its reason.
 */
export function RetryFromNode({ nodeId }: { nodeId: string }) {
  const target = useContext(RetryContext);
  const [version, setVersion] = useState<RetryVersion>('PINNED');
  const [error, setError] = useState<string>();
  const [state, retry] = useMutation(RetryExecutionMutation);
  if (!target) return null;
  const onRetry = async () => {
    setError(undefined);
    const result = await retry({ id: target.executionId, fromNodeId: nodeId, version });
    if (result.data) navigate(`/executions/${result.data.retryExecution.id}`);
    else setError(errorMessage(result.error));
  };
  return (
    <div className="retry-from-node" data-testid="retry-from-node">
      <label>
        Retry on
        <select value={version} onChange={(e) => setVersion(e.target.value as RetryVersion)} data-testid="retry-version">
          <option value="PINNED">the version that ran</option>
          <option value="CURRENT">the flow as saved now</option>
        </select>
      </label>
      <button
        type="button"
        disabled={!target.finished || state.fetching}
        onClick={() => void onRetry()}
        title="Nodes before this one keep their results from this run; this node and the rest run again"
        data-testid="retry-from-node-button"
      >
        ↻ Retry from this node
      </button>
      {error && <p role="alert" className="error" data-testid="retry-error">{error}</p>}
    </div>
  );
}
