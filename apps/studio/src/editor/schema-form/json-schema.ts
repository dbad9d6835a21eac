/** The slice of JSON Schema (as zod emits it for the node catalog) that config forms render. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** A widget the catalog declares in the field's metadata: `credential`, `password`, `textarea`. */
  widget?: string;
  /** For `widget: "credential"`: the credential types the field accepts. */
  credentialTypes?: string[];
}

export type FieldKind = 'enum' | 'boolean' | 'number' | 'expression' | 'code' | 'text' | 'string-list' | 'object' | 'json' | 'credential' | 'password';

/** Fields evaluated as JSONata or `{{ }}` templates get the expression editor with path hints. */
const EXPRESSION_HINT = /jsonata|template|\{\{/i;

export function fieldKind(name: string, schema: JsonSchema): FieldKind {
  // A widget declared by the served catalog wins over what the type alone suggests.
  if (schema.widget === 'credential') return 'credential';
  if (schema.widget === 'password') return 'password';
  if (schema.widget === 'textarea') return 'code';
  if (schema.enum) return 'enum';
  switch (schema.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      if (EXPRESSION_HINT.test(schema.description ?? '') || name === 'expression') return 'expression';
      // Source text (a code node's body, SQL): long strings get a multi-line editor.
      return (schema.maxLength ?? 0) > 1000 ? 'code' : 'text';
    case 'array':
      return schema.items?.type === 'string' && !schema.items.enum ? 'string-list' : 'json';
    case 'object':
      return schema.properties ? 'object' : 'json';
    default:
      return 'json';
  }
}

export function asSchema(value: unknown): JsonSchema {
  return value && typeof value === 'object' ? (value as JsonSchema) : {};
}
