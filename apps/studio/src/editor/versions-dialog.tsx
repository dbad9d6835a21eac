import { useMutation, useQuery } from 'urql';
import { FlowVersionsQuery, RestoreFlowVersionMutation } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { Dialog } from '../ui/dialog';

interface VersionsDialogProps {
  readonly flowId: string;
  readonly onRestored: () => void;
  readonly onClose: () => void;
}

/** The flow's saved versions; restoring one saves it again as the newest version. */
export function VersionsDialog({ flowId, onRestored, onClose }: VersionsDialogProps) {
  const [{ data, error, fetching }] = useQuery({ query: FlowVersionsQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  const [restoring, restore] = useMutation(RestoreFlowVersionMutation);
  const current = data?.flow?.version;
  const versions = (data?.flow?.versions.edges ?? []).map((e) => e.node).sort((a, b) => b.version - a.version);
  const onRestore = async (version: number) => {
    const result = await restore({ id: flowId, version });
    if (result.data) onRestored();
  };
  return (
    <Dialog title="Versions" onClose={onClose} testId="versions-dialog">
      {fetching && <p>Loading…</p>}
      {(error ?? restoring.error) && <p role="alert" className="error">{errorMessage(error ?? restoring.error)}</p>}
      <ol className="versions">
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <strong>v{v.version}</strong> <span>{v.message ?? '—'}</span> <time className="muted">{new Date(v.createdAt).toLocaleString()}</time>
            {v.version === current ? (
              <span className="muted"> (current)</span>
            ) : (
              <button type="button" disabled={restoring.fetching} onClick={() => void onRestore(v.version)} data-testid={`restore-version-${v.version}`}>Restore</button>
            )}
          </li>
        ))}
      </ol>
      <div className="dialog-actions"><button type="button" onClick={onClose}>Close</button></div>
    </Dialog>
  );
}
