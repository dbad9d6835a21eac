/**
 * How the studio shows a node's config field. A definition declares it with zod's `.meta()` next to
 * the field's type (`.meta({ title: 'Headers', widget: 'keyValue' })`); `z.toJSONSchema` copies
 * every key into the JSON Schema the catalog serves, and the studio's form reads it from there.
 * A field without a widget is edited by its type alone (boolean, number, enum, object, text).
 */
export const FIELD_WIDGETS = [
  /** A whole JSONata expression, previewed against the node's data as it is typed. */
  'expression',
  /** Text with `{{ expression }}` parts (URL, prompt), previewed like an expression. */
  'template',
  /** Multi-line source text in `language`. */
  'code',
  /** Multi-line plain text (a PEM certificate). */
  'textarea',
  /** A string-to-string map edited as rows of name and value (headers, query parameters). */
  'keyValue',
  /** An array edited as one row per item (switch cases, SQL parameters); `itemWidget` edits each item. */
  'list',
  /** A cron pattern, with presets, one box per part and the next fire times. */
  'cron',
  /** An IANA time zone, offered from the browser's list. */
  'timezone',
  /** Any JSON value whose strings may be templates (request and response bodies). */
  'json',
  /** The name of a workspace credential of one of `credentialTypes`. */
  'credential',
  /** A secret typed in, never shown back. */
  'password',
] as const;

export type FieldWidget = (typeof FIELD_WIDGETS)[number];

/** What a `code` field holds. */
export type CodeLanguage = 'javascript' | 'sql';

declare module 'zod' {
  // Typed keys of `.meta()`, so a definition cannot misspell a widget the studio would not know.
  interface GlobalMeta {
    /** How the studio edits the field; by its type when absent. */
    widget?: FieldWidget;
    /** For `widget: "code"`. */
    language?: CodeLanguage;
    /** For `widget: "list"`: how each item is edited (`expression` for SQL parameters). */
    itemWidget?: FieldWidget;
    /** For `widget: "credential"`: the credential types the field accepts. */
    credentialTypes?: readonly string[];
    /** Readable names of an enum's values, by value. */
    optionLabels?: Readonly<Record<string, string>>;
    /** Example text shown in an empty field. */
    placeholder?: string;
    /** A credential field that is stored encrypted and never read back. */
    secret?: boolean;
  }
}
