import { fieldId, type FieldProps } from './field-props';

export function BooleanField({ path, name, schema, value, onChange }: FieldProps<boolean>) {
  const id = fieldId(path);
  const checked = value ?? schema.default === true;
  return (
    <div className="form-field form-field-inline">
      <input id={id} type="checkbox" data-testid={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{name}</label>
      {schema.description && <small className="muted">{schema.description}</small>}
    </div>
  );
}
