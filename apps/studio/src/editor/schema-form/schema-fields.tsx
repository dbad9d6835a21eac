import type { ComponentType } from 'react';
import { BooleanField } from './boolean-field';
import { CodeField } from './code-field';
import { CredentialField } from './credential-field';
import { CronField } from './cron-field';
import { EnumField } from './enum-field';
import { ExpressionField } from './expression-field';
import type { FieldProps } from './field-props';
import { fieldKind, labelOf, type FieldKind, type JsonSchema } from './json-schema';
import { JsonField } from './json-field';
import { KeyValueField } from './key-value-field';
import { ListField } from './list-field';
import { MultiEnumField } from './multi-enum-field';
import { NumberField } from './number-field';
import { PasswordField } from './password-field';
import { TextField } from './text-field';
import { TimezoneField } from './timezone-field';
import './schema-form.css';

// Each field narrows `value`; the schema's kind guarantees the value it is handed.
const FIELDS = {
  enum: EnumField,
  'multi-enum': MultiEnumField,
  boolean: BooleanField,
  number: NumberField,
  expression: ExpressionField,
  template: ExpressionField,
  code: CodeField,
  text: TextField,
  list: ListField,
  'key-value': KeyValueField,
  cron: CronField,
  timezone: TimezoneField,
  json: JsonField,
  credential: CredentialField,
  password: PasswordField,
} as Record<Exclude<FieldKind, 'object'>, ComponentType<FieldProps>>;

interface SchemaFieldsProps {
  readonly schema: JsonSchema;
  readonly value: Record<string, unknown>;
  readonly onChange: (value: Record<string, unknown>) => void;
  /** Prefix of field ids and test ids (`field-<path>.<name>`). */
  readonly path?: string;
}

/**
 * A form generated from an object JSON Schema; each field gets the editor its definition declares,
 * nested objects a fieldset. Expression fields read their data from an ExpressionScopeContext
 * (NodeConfigForm provides the node's); without one they preview against an empty input.
 */
export function SchemaFields({ schema, value, onChange, path = '' }: SchemaFieldsProps) {
  const required = new Set(schema.required ?? []);
  const set = (name: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined) delete copy[name];
    else copy[name] = next;
    onChange(copy);
  };
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => {
        const fieldPath = path ? `${path}.${name}` : name;
        const kind = fieldKind(field);
        if (kind === 'object') {
          const nested = (value[name] ?? {}) as Record<string, unknown>;
          return (
            <fieldset key={name}>
              <legend>{labelOf(name, field)}</legend>
              {field.description && <small className="muted">{field.description}</small>}
              <SchemaFields schema={field} value={nested} path={fieldPath} onChange={(next) => set(name, Object.keys(next).length ? next : undefined)} />
            </fieldset>
          );
        }
        const Field = FIELDS[kind];
        return <Field key={name} path={fieldPath} name={name} schema={field} value={value[name]} siblings={value} required={required.has(name)} onChange={(next) => set(name, next)} />;
      })}
    </>
  );
}
