import type { JsonSchema } from './json-schema';

export interface FieldProps<T = unknown> {
  /** Dotted path of the field inside `data`, used for ids and test ids. */
  readonly path: string;
  readonly name: string;
  readonly schema: JsonSchema;
  readonly value: T | undefined;
  readonly required: boolean;
  readonly onChange: (value: T | undefined) => void;
  /** `$input`, `$nodes.<id>`: what expressions in this node can read. */
  readonly contextPaths: readonly string[];
}

export const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;
