import { useState, type FormEvent } from 'react';
import { Dialog } from '../ui/dialog';
import { ConflictChanges } from './conflict-changes';
import { useEditorContext } from './editor-context';
import type { SaveOutcome } from './use-save-flow';

interface SaveDialogProps {
  readonly save: (message: string) => Promise<SaveOutcome>;
  readonly overwrite: (message: string) => Promise<SaveOutcome>;
  readonly reload: () => void;
  readonly onClose: () => void;
}

/**
 * Asks for a version message; on CONFLICT shows what the other save changed and offers to reload
 * the newer version or overwrite it.
 */
export function SaveDialog({ save, overwrite, reload, onClose }: SaveDialogProps) {
  const { flowId } = useEditorContext();
  const [message, setMessage] = useState('');
  const [outcome, setOutcome] = useState<SaveOutcome>();
  const [busy, setBusy] = useState(false);
  const run = async (action: (message: string) => Promise<SaveOutcome>) => {
    setBusy(true);
    const result = await action(message);
    setBusy(false);
    if (result.kind === 'saved') onClose();
    else setOutcome(result);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(save);
  };
  return (
    <Dialog title="Save flow" onClose={onClose} testId="save-dialog">
      <form onSubmit={onSubmit}>
        <label>
          Version message
          <input autoFocus value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What changed?" data-testid="save-message" />
        </label>
        {outcome?.kind === 'failed' && <p role="alert" className="error" data-testid="save-error">{outcome.message}</p>}
        {outcome?.kind === 'conflict' ? (
          <div role="alert" className="conflict" data-testid="save-conflict">
            <p>Someone saved a newer version of this flow while you were editing.</p>
            {flowId && <ConflictChanges flowId={flowId} baseVersion={outcome.baseVersion} />}
            <button type="button" onClick={reload} data-testid="conflict-reload">Reload theirs (discard mine)</button>
            <button type="button" disabled={busy} onClick={() => void run(overwrite)} data-testid="conflict-overwrite">Overwrite with mine</button>
          </div>
        ) : (
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" disabled={busy} className="primary" data-testid="save-confirm">Save</button>
          </div>
        )}
      </form>
    </Dialog>
  );
}
