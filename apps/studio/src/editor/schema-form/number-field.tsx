import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

export function NumberField(props: FieldProps<number>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  return (
    <FieldLabel {...props}>
      <input
        id={id}
        type="number"
        data-testid={id}
        min={schema.minimum}
        max={schema.maximum}
        step={schema.type === 'integer' ? 1 : 'any'}
        value={value ?? ''}
        placeholder={schema.default !== undefined ? String(schema.default) : undefined}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </FieldLabel>
  );
}
