import type { ReactNode } from 'react';
import { fieldId } from './field-props';
import { labelOf, type JsonSchema } from './json-schema';

/** A field's label (its definition's title), required marker and help, wired to the control by id. */
export function FieldLabel({ path, name, schema, required, children }: { path: string; name: string; schema: JsonSchema; required: boolean; children: ReactNode }) {
  const id = fieldId(path);
  return (
    <div className="form-field" data-testid={`${id}-field`}>
      <label htmlFor={id}>
        {labelOf(name, schema)}
        {required && <span aria-label="required"> *</span>}
      </label>
      {children}
      {schema.description && <small id={`${id}-help`} className="muted">{schema.description}</small>}
    </div>
  );
}
