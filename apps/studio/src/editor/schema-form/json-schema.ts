/** The slice of JSON Schema (as zod emits it for the node catalog) that config forms render. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
  /** The field's label, from the node definition (`.meta({ title })`). */
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** How to edit the field, declared by the node definition (packages/nodes catalog/field-meta.ts). */
  widget?: string;
  /** For `widget: "code"`: `javascript` or `sql`. */
  language?: string;
  /** For `widget: "list"`: how each item is edited. */
  itemWidget?: string;
  /** For `widget: "credential"`: the credential types the field accepts. */
  credentialTypes?: string[];
  /** Readable names of an enum's values. */
  optionLabels?: Record<string, string>;
  placeholder?: string;
}

export type FieldKind =
  | 'enum'
  | 'multi-enum'
  | 'boolean'
  | 'number'
  | 'expression'
  | 'template'
  | 'code'
  | 'text'
  | 'list'
  | 'key-value'
  | 'cron'
  | 'timezone'
  | 'object'
  | 'json'
  | 'credential'
  | 'password';

/** The editor a declared widget asks for. */
const BY_WIDGET: Readonly<Record<string, FieldKind>> = {
  expression: 'expression',
  template: 'template',
  code: 'code',
  textarea: 'code',
  keyValue: 'key-value',
  list: 'list',
  cron: 'cron',
  timezone: 'timezone',
  json: 'json',
  credential: 'credential',
  password: 'password',
};

/**
 * The editor of a field: the widget its node definition declares, else what its type says. Nothing
 * is guessed from names or descriptions: a field that needs more than its type declares a widget.
 */
export function fieldKind(schema: JsonSchema): FieldKind {
  const declared = schema.widget === undefined ? undefined : BY_WIDGET[schema.widget];
  if (declared) return declared;
  if (schema.enum) return 'enum';
  switch (schema.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'array':
      return schema.items?.enum ? 'multi-enum' : 'json';
    case 'object':
      return schema.properties ? 'object' : 'json';
    default:
      return 'json';
  }
}

/** The label a person reads: the definition's title; the property name only for a schema without one. */
export const labelOf = (name: string, schema: JsonSchema): string => schema.title ?? name;

export function asSchema(value: unknown): JsonSchema {
  return value && typeof value === 'object' ? (value as JsonSchema) : {};
}
