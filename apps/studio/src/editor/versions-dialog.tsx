import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RestoreFlowVersionMutation } from '../documents/flows';
import { FlowVersionContentQuery, FlowVersionHistoryQuery } from '../documents/flow-versions';
import { errorMessage } from '../graphql/errors';
import { Dialog } from '../ui/dialog';
import { useEditorContext } from './editor-context';
import { diffGraphFromWire, diffGraphs } from './flow-diff';
import { FlowDiffView } from './flow-diff-view';
import { toWireGraph } from './flow-types';

interface VersionsDialogProps {
  readonly flowId: string;
  readonly onRestored: () => void;
  readonly onClose: () => void;
}

/**
 * The flow's saved versions with who saved each; one can be compared node by node with the draft
 * on the canvas, and restored (saved again as the newest version) after a confirmation.
 */
export function VersionsDialog({ flowId, onRestored, onClose }: VersionsDialogProps) {
  const [{ data, error, fetching }] = useQuery({ query: FlowVersionHistoryQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  const [restoring, restore] = useMutation(RestoreFlowVersionMutation);
  const [compared, setCompared] = useState<number>();
  const [confirming, setConfirming] = useState<number>();
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
            <div className="version-line">
              <strong>v{v.version}</strong> <span>{v.message ?? '—'}</span>
              <span className="muted" data-testid={`version-author-${v.version}`}>by {v.author.name} ({v.author.email})</span>
              <time className="muted">{new Date(v.createdAt).toLocaleString()}</time>
              {v.version === current && <span className="muted"> (current)</span>}
              <button type="button" onClick={() => setCompared(compared === v.version ? undefined : v.version)} aria-expanded={compared === v.version} data-testid={`compare-version-${v.version}`}>
                {compared === v.version ? 'Hide changes' : 'Compare with draft'}
              </button>
              {v.version !== current && (
                <button type="button" disabled={restoring.fetching} onClick={() => setConfirming(v.version)} data-testid={`restore-version-${v.version}`}>Restore</button>
              )}
            </div>
            {confirming === v.version && (
              <div role="alert" className="conflict" data-testid="restore-confirmation">
                <p>Restore v{v.version}? It is saved again as the newest version and the canvas reloads on it; changes you have not saved are lost.</p>
                <div className="dialog-actions">
                  <button type="button" onClick={() => setConfirming(undefined)} data-testid="restore-cancel">Keep editing</button>
                  <button type="button" className="primary" disabled={restoring.fetching} onClick={() => void onRestore(v.version)} data-testid="restore-confirm">Restore v{v.version}</button>
                </div>
              </div>
            )}
            {compared === v.version && <VersionComparison flowId={flowId} version={v.version} />}
          </li>
        ))}
      </ol>
      <div className="dialog-actions"><button type="button" onClick={onClose}>Close</button></div>
    </Dialog>
  );
}

/** What the draft on the canvas changes relative to one saved version. */
function VersionComparison({ flowId, version }: { flowId: string; version: number }) {
  const { store } = useEditorContext();
  const [{ data, error, fetching }] = useQuery({ query: FlowVersionContentQuery, variables: { flowId, version } });
  const saved = data?.flowVersion;
  const diff = useMemo(() => {
    if (!saved) return undefined;
    const { nodes, edges } = store.get();
    const draft = toWireGraph(nodes, edges);
    return diffGraphs(diffGraphFromWire(saved.nodes, saved.edges), diffGraphFromWire(draft.nodes, draft.edges));
  }, [saved, store]);
  if (fetching) return <p className="muted">Loading v{version}…</p>;
  if (error) return <p role="alert" className="error">{errorMessage(error)}</p>;
  if (!diff) return <p role="alert" className="error">v{version} is no longer available.</p>;
  return <FlowDiffView diff={diff} fromLabel={`v${version}`} toLabel="your draft" testId={`version-diff-${version}`} />;
}
