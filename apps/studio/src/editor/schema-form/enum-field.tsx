import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** One of an enum's values, shown by the readable names the definition gives them. */
export function EnumField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const options = (schema.enum ?? []).map(String);
  return (
    <FieldLabel {...props}>
      <select id={id} data-testid={id} aria-describedby={schema.description ? `${id}-help` : undefined} value={value ?? String(schema.default ?? '')} onChange={(e) => onChange(e.target.value || undefined)}>
        {schema.default === undefined && <option value="">—</option>}
        {options.map((option) => (
          <option key={option} value={option}>{schema.optionLabels?.[option] ?? option}</option>
        ))}
      </select>
    </FieldLabel>
  );
}
