import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** Multi-line source text (a code node's body, SQL); Tab stays a focus move for keyboard users. */
export function CodeField(props: FieldProps<string>) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  return (
    <FieldLabel {...props}>
      <textarea id={id} data-testid={id} className="code" rows={8} spellCheck={false} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
    </FieldLabel>
  );
}
