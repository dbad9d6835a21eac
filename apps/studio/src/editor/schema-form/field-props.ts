import type { JsonSchema } from './json-schema';

export interface FieldProps<T = unknown> {
  /** Dotted path of the field inside `data`, used for ids and test ids. */
  readonly path: string;
  readonly name: string;
  readonly schema: JsonSchema;
  readonly value: T | undefined;
  readonly required: boolean;
  readonly onChange: (value: T | undefined) => void;
  /** The object the field belongs to, for a field whose editor reads a neighbour (cron reads its time zone). */
  readonly siblings: Readonly<Record<string, unknown>>;
}

export const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;
