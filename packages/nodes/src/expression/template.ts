/**
 * `{{ expr }}` templates inside strings. A string that is exactly one template yields the raw
 * value (so `"{{ $nodes.a.items }}"` stays an array); otherwise each part is interpolated as text.
 */

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; source: string };

export interface ParsedTemplate {
  /** Set when the whole string is a single `{{ }}`: its expression source. */
  whole?: string;
  parts: TemplatePart[];
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const MAX_CACHED = 10_000;
const parsed = new Map<string, ParsedTemplate>();

export function parseTemplate(text: string): ParsedTemplate {
  const cached = parsed.get(text);
  if (cached !== undefined) return cached;
  const result = splitTemplate(text);
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(text, result);
  return result;
}

function splitTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(TEMPLATE)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'expression', source: (match[1] ?? '').trim() });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  const only = parts[0];
  if (parts.length === 1 && only?.kind === 'expression') return { whole: only.source, parts };
  return { parts };
}

/** Where one `{{ }}` sits in a template's text. */
export interface TemplateSpan {
  /** The expression, trimmed, as `parseTemplate` gives it. */
  readonly source: string;
  /** Index of the expression's first character in the text. */
  readonly start: number;
  /** The whole `{{ … }}`: from its first brace to just past its last. */
  readonly from: number;
  readonly to: number;
  /** The text is this one `{{ }}` and nothing else: it yields the raw value. */
  readonly whole: boolean;
}

/** The `{{ }}` parts of `text` with their places, so an error can point into the text. */
export function templateSpans(text: string): TemplateSpan[] {
  return [...text.matchAll(TEMPLATE)].map((match) => {
    const inner = match[1] ?? '';
    const from = match.index;
    const to = from + match[0].length;
    return { source: inner.trim(), start: from + 2 + (inner.length - inner.trimStart().length), from, to, whole: from === 0 && to === text.length };
  });
}

/** Every expression source inside the templates of `value` (strings, arrays and objects, deeply). */
export function templateExpressions(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return into;
    for (const part of parseTemplate(value).parts) if (part.kind === 'expression') into.push(part.source);
  } else if (Array.isArray(value)) {
    for (const item of value) templateExpressions(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) templateExpressions(item, into);
  }
  return into;
}

/** Text form of an interpolated value: strings as-is, nullish as empty, the rest as JSON. */
export function interpolate(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
