import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** A secret credential field: never prefilled (the API never returns it); empty means "keep the stored value". */
export function PasswordField(props: FieldProps<string>) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  return (
    <FieldLabel {...props}>
      <input id={id} type="password" autoComplete="new-password" aria-describedby={`${id}-help`} data-testid={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
    </FieldLabel>
  );
}
