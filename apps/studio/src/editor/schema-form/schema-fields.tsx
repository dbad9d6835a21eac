import type { ComponentType } from 'react';
import { BooleanField } from './boolean-field';
import { CodeField } from './code-field';
import { CredentialField } from './credential-field';
import { EnumField } from './enum-field';
import { ExpressionField } from './expression-field';
import type { FieldProps } from './field-props';
import { fieldKind, type FieldKind, type JsonSchema } from './json-schema';
import { JsonField } from './json-field';
import { NumberField } from './number-field';
import { PasswordField } from './password-field';
import { StringListField } from './string-list-field';
import { TextField } from './text-field';

// Each field narrows `value`; the schema's kind guarantees the value it is handed.
const FIELDS = {
  enum: EnumField,
  boolean: BooleanField,
  number: NumberField,
  expression: ExpressionField,
  code: CodeField,
  text: TextField,
  'string-list': StringListField,
  json: JsonField,
  credential: CredentialField,
  password: PasswordField,
} as Record<Exclude<FieldKind, 'object'>, ComponentType<FieldProps>>;

interface SchemaFieldsProps {
  readonly schema: JsonSchema;
  readonly value: Record<string, unknown>;
  readonly onChange: (value: Record<string, unknown>) => void;
  readonly contextPaths: readonly string[];
  readonly path?: string;
}

/** A form generated from an object JSON Schema; nested objects become fieldsets. */
export function SchemaFields({ schema, value, onChange, contextPaths, path = '' }: SchemaFieldsProps) {
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
        const kind = fieldKind(name, field);
        if (kind === 'object') {
          const nested = (value[name] ?? {}) as Record<string, unknown>;
          return (
            <fieldset key={name}>
              <legend>{name}</legend>
              <SchemaFields schema={field} value={nested} path={fieldPath} contextPaths={contextPaths} onChange={(next) => set(name, Object.keys(next).length ? next : undefined)} />
            </fieldset>
          );
        }
        const Field = FIELDS[kind];
        return <Field key={name} path={fieldPath} name={name} schema={field} value={value[name]} required={required.has(name)} contextPaths={contextPaths} onChange={(next) => set(name, next)} />;
      })}
    </>
  );
}
