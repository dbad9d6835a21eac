import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** An array of strings edited one per line (switch cases, model lists). */
export function StringListField(props: FieldProps<string[]>) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  return (
    <FieldLabel {...props}>
      <textarea
        id={id}
        data-testid={id}
        rows={Math.max(2, (value?.length ?? 0) + 1)}
        value={(value ?? []).join('\n')}
        placeholder="One per line"
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value.split('\n'))}
      />
    </FieldLabel>
  );
}
