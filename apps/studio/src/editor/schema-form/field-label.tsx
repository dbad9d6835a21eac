import type { ReactNode } from 'react';
import { fieldId } from './field-props';
import type { JsonSchema } from './json-schema';

/** A field's label, required marker and description, wired to the control by id. */
export function FieldLabel({ path, name, schema, required, children }: { path: string; name: string; schema: JsonSchema; required: boolean; children: ReactNode }) {
  const id = fieldId(path);
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {name}
        {required && <span aria-label="required"> *</span>}
      </label>
      {children}
      {schema.description && <small id={`${id}-help`} className="muted">{schema.description}</small>}
    </div>
  );
}
