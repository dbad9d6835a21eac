import { useState, type FormEvent } from 'react';
import { sameJson } from '@omnitron/schema/same-json';
import { Dialog } from '../ui/dialog';
import { sampleInputText, useSampleInput } from './use-sample-input';

interface RunDialogProps {
  readonly flowId: string;
  readonly onRun: (input: unknown) => void;
  readonly onClose: () => void;
}

/** The execution input as JSON, starting from the flow's sample input; a changed input becomes the flow's sample input. */
export function RunDialog({ flowId, onRun, onClose }: RunDialogProps) {
  const { sampleInput, save } = useSampleInput(flowId);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const shown = text ?? sampleInputText(sampleInput);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let input: unknown;
    try {
      input = shown.trim() ? JSON.parse(shown) : null;
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    if (!sameJson(input, sampleInput)) {
      const refused = await save(shown);
      if (refused) {
        setError(refused);
        return;
      }
    }
    onRun(input);
    onClose();
  };
  return (
    <Dialog title="Run flow" onClose={onClose} testId="run-dialog">
      <form onSubmit={(e) => void onSubmit(e)}>
        <label>
          Input (JSON, available as <code>$input</code>; kept as the flow&apos;s sample input)
          <textarea className="code" rows={8} value={shown} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} data-testid="run-input" />
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
