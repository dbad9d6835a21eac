import { useState, type FormEvent } from 'react';
import { Dialog } from '../ui/dialog';
import { sampleInputText, useSampleInput } from './use-sample-input';

/** Edits the flow's sample input (JSON, the trigger's `$input` in test runs), stored on the server. */
export function SampleInputDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { sampleInput, saving, save } = useSampleInput(flowId);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const shown = text ?? sampleInputText(sampleInput);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (shown.trim()) JSON.parse(shown);
    } catch (e) {
      setError(`Not JSON: ${(e as Error).message}`);
      return;
    }
    const refused = await save(shown);
    if (refused) setError(refused);
    else onClose();
  };
  return (
    <Dialog title="Sample input" onClose={onClose} testId="sample-input-dialog">
      <form onSubmit={(e) => void onSubmit(e)}>
        <label>
          The input test runs start with (JSON, available as <code>$input</code>), saved with the flow for everyone who edits it
          <textarea className="code" rows={10} value={shown} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} data-testid="sample-input-text" />
        </label>
        {error && <p role="alert" className="error" data-testid="sample-input-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={saving} data-testid="sample-input-save">Save</button>
        </div>
      </form>
    </Dialog>
  );
}
