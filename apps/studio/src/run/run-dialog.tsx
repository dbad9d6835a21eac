import { useState, type FormEvent } from 'react';
import { Dialog } from '../ui/dialog';
import { rememberedInput, rememberInput } from './remembered-input';

interface RunDialogProps {
  readonly flowId: string;
  readonly onRun: (input: unknown) => void;
  readonly onClose: () => void;
}

/** The execution input as JSON, remembered per flow. */
export function RunDialog({ flowId, onRun, onClose }: RunDialogProps) {
  const [text, setText] = useState(() => rememberedInput(flowId));
  const [error, setError] = useState<string>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const input: unknown = text.trim() ? JSON.parse(text) : null;
      rememberInput(flowId, text);
      onRun(input);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog title="Run flow" onClose={onClose} testId="run-dialog">
      <form onSubmit={onSubmit}>
        <label>
          Input (JSON, available as <code>$input</code>)
          <textarea className="code" rows={8} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} data-testid="run-input" />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="run-confirm">Run</button>
        </div>
      </form>
    </Dialog>
  );
}
