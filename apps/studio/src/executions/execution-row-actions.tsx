import { useMutation } from 'urql';
import { DeleteExecutionMutation, RetryRunMutation } from '../documents/execution-list';
import type { ExecutionStatus } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';

interface ExecutionRowActionsProps {
  readonly id: string;
  readonly status: ExecutionStatus;
  /** After a delete: the list reloads. */
  readonly onDeleted: () => void;
  readonly onError: (message: string) => void;
}

const finished = (status: ExecutionStatus) => status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';

/** Retry (a failed or cancelled run, from where it failed, on the version it ran) and delete (a finished run). */
export function ExecutionRowActions({ id, status, onDeleted, onError }: ExecutionRowActionsProps) {
  const [retrying, retry] = useMutation(RetryRunMutation);
  const [deleting, remove] = useMutation(DeleteExecutionMutation);
  if (!finished(status)) return null;
  const onRetry = async () => {
    const result = await retry({ id });
    if (result.data) navigate(`/executions/${result.data.retryExecution.id}`);
    else onError(`Retry failed: ${errorMessage(result.error)}`);
  };
  const onDelete = async () => {
    if (!window.confirm(`Delete run ${id.slice(0, 8)} with its node results and logs? This cannot be undone.`)) return;
    const result = await remove({ id });
    if (result.data) onDeleted();
    else onError(`Delete failed: ${errorMessage(result.error)}`);
  };
  return (
    <span className="row-actions">
      {status !== 'SUCCEEDED' && (
        <button type="button" disabled={retrying.fetching} onClick={() => void onRetry()} data-testid="retry-execution">Retry</button>
      )}
      <button type="button" disabled={deleting.fetching} onClick={() => void onDelete()} data-testid="delete-execution">Delete</button>
    </span>
  );
}
