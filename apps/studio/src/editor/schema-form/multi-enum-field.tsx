import { fieldId, type FieldProps } from './field-props';
import { labelOf } from './json-schema';

/** A set of an enum's values (a webhook's methods) as checkboxes, kept in the enum's order. */
export function MultiEnumField({ path, name, schema, value, onChange }: FieldProps<string[]>) {
  const id = fieldId(path);
  const options = (schema.items?.enum ?? []).map(String);
  const chosen = new Set(value ?? (Array.isArray(schema.default) ? schema.default.map(String) : []));
  const toggle = (option: string, on: boolean) => {
    const next = options.filter((o) => (o === option ? on : chosen.has(o)));
    onChange(next);
  };
  return (
    <fieldset className="form-field multi-enum" data-testid={id} aria-describedby={schema.description ? `${id}-help` : undefined}>
      <legend>{labelOf(name, schema)}</legend>
      <div className="form-field-inline">
        {options.map((option) => (
          <label key={option} className="form-field-inline">
            <input type="checkbox" checked={chosen.has(option)} onChange={(e) => toggle(option, e.target.checked)} data-testid={`${id}-${option}`} />
            {schema.items?.optionLabels?.[option] ?? option}
          </label>
        ))}
      </div>
      {schema.description && <small id={`${id}-help`} className="muted">{schema.description}</small>}
    </fieldset>
  );
}
