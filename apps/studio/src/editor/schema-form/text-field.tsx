import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

export function TextField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  return (
    <FieldLabel {...props}>
      <input id={id} aria-describedby={`${id}-help`} data-testid={id} value={value ?? ''} placeholder={typeof schema.default === 'string' ? schema.default : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
    </FieldLabel>
  );
}
