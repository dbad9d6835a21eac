import { fieldId, type FieldProps } from './field-props';
import { labelOf } from './json-schema';

export function BooleanField({ path, name, schema, value, onChange }: FieldProps<boolean>) {
  const id = fieldId(path);
  const checked = value ?? schema.default === true;
  return (
    <div className="form-field form-field-inline">
      <input id={id} type="checkbox" data-testid={id} aria-describedby={schema.description ? `${id}-help` : undefined} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{labelOf(name, schema)}</label>
      {schema.description && <small id={`${id}-help`} className="muted">{schema.description}</small>}
    </div>
  );
}
