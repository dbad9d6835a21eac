import { useMemo } from 'react';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** An IANA time zone, typed with the browser's list of zones offered as it is typed. */
export function TimezoneField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <FieldLabel {...props}>
      <input id={id} data-testid={id} list={`${id}-zones`} value={value ?? ''} placeholder={typeof schema.default === 'string' ? schema.default : 'UTC'} aria-describedby={schema.description ? `${id}-help` : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => <option key={zone} value={zone} />)}
      </datalist>
    </FieldLabel>
  );
}
