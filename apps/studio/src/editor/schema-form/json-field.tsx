import { useEffect, useState } from 'react';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** Whether `text` already says `value` (so the user's own formatting is kept). */
function saysValue(text: string, value: unknown): boolean {
  if (text.trim() === '') return value === undefined;
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false; // not JSON yet: the user is still typing
  }
}

/** Any JSON value (a body whose strings may be templates); the draft is kept while it does not parse, and the error is announced. */
export function JsonField(props: FieldProps) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  const [draft, setDraft] = useState(() => show(value));
  const [error, setError] = useState<string>();
  // Undo or another edit replaced the value: show it, unless the draft is that value already.
  useEffect(() => {
    setDraft((current) => (error || saysValue(current, value) ? current : show(value)));
  }, [value, error]);
  const onText = (text: string) => {
    setDraft(text);
    if (text.trim() === '') {
      setError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      setError(undefined);
      onChange(parsed);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <FieldLabel {...props}>
      <textarea id={id} data-testid={id} className="code" rows={4} value={draft} aria-invalid={Boolean(error)} onChange={(e) => onText(e.target.value)} />
      {error && <small role="alert" className="error">{error}</small>}
    </FieldLabel>
  );
}
