import { useState } from 'react';
import { PINNED_DATA_MAX_BYTES, readPinnedData } from '@omnitron/schema/pinned-data';

interface PinEditorProps {
  readonly nodeId: string;
  readonly initial: unknown;
  readonly onPin: (value: unknown) => void;
  readonly onCancel: () => void;
}

/** The pinned output as JSON text; pins only valid JSON within PINNED_DATA_MAX_BYTES. */
export function PinEditor({ nodeId, initial, onPin, onCancel }: PinEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(initial ?? {}, null, 2));
  const [problem, setProblem] = useState<string>();
  const save = () => {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      setProblem(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const refused = readPinnedData([{ id: nodeId, pinnedData: value }]).problems[0];
    if (refused) {
      setProblem(refused.message);
      return;
    }
    onPin(value);
  };
  return (
    <div className="pin-editor">
      <label>
        Pinned output (JSON, at most {Math.round(PINNED_DATA_MAX_BYTES / 1024)} KiB)
        <textarea rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} data-testid="pin-editor-text" />
      </label>
      {problem && <p role="alert" className="error" data-testid="pin-editor-error">{problem}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="button" className="primary" onClick={save} data-testid="pin-editor-save">Pin</button>
      </div>
    </div>
  );
}
