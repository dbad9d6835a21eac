import { useEffect, useState } from 'react';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** Any JSON value; the draft is kept while it does not parse, and the error is announced. */
export function JsonField(props: FieldProps) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  const [draft, setDraft] = useState(() => show(value));
  const [error, setError] = useState<string>();
  useEffect(() => {
    setDraft((current) => (error ? current : show(value)));
  }, [value, error]);
  const onText = (text: string) => {
    setDraft(text);
    if (text.trim() === '') return (setError(undefined), onChange(undefined));
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
