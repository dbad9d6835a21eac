import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

export function TextField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const placeholder = schema.placeholder ?? (typeof schema.default === 'string' ? schema.default : undefined);
  return (
    <FieldLabel {...props}>
      <input id={id} aria-describedby={schema.description ? `${id}-help` : undefined} data-testid={id} value={value ?? ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
    </FieldLabel>
  );
}
