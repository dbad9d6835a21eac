import { ErrorCode, OmnitronError } from '@omnitron/schema';

/**
 * Text that cannot be stored as it was sent: a NUL character (PostgreSQL's text and jsonb refuse
 * U+0000, SQLite keeps it, so the two databases would disagree) or an unpaired UTF-16 surrogate
 * (no UTF-8 encoding exists: PostgreSQL refuses it, SQLite stores a replacement character). Such
 * input is refused up front with VALIDATION_FAILED naming where it was, the same on both.
 */
export interface UnstorableText {
  /** Where in the value, e.g. `$input.name`, `body.items[2]`, `headers["x-a"]`. */
  readonly field: string;
  readonly problem: 'a NUL character' | 'an unpaired surrogate';
  /** The object key at `field` is the odd text, not its value. */
  readonly inKey?: boolean;
}

const SURROGATE = /[\ud800-\udfff]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with `text`, if anything. */
export function unstorableIn(text: string): UnstorableText['problem'] | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  return SURROGATE.test(text) && UNPAIRED_SURROGATE.test(text) ? 'an unpaired surrogate' : undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `parent.key`, or `parent["key"]` when the key is not plain (JSON-escaped, so never raw odd text). */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (PLAIN_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The first string, or object key, in a JSON-like `value` that cannot be stored, with its path
 * from `root`. Walks with its own stack, not recursion, so a deeply nested body cannot overflow it.
 */
export function findUnstorableText(value: unknown, root: string): UnstorableText | undefined {
  const pending: Array<readonly [unknown, string]> = [[value, root]];
  while (pending.length > 0) {
    const [current, field] = pending.pop()!;
    if (typeof current === 'string') {
      const problem = unstorableIn(current);
      if (problem) return { field, problem };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push([current[index], fieldPath(field, index)]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        const problem = unstorableIn(key);
        if (problem) return { field: fieldPath(field, key), problem, inKey: true };
        pending.push([child, fieldPath(field, key)]);
      }
    }
  }
  return undefined;
}

/** The error for unstorable text: VALIDATION_FAILED naming the field (details `{ field }`). */
export function unstorableTextError(found: UnstorableText): OmnitronError {
  const what = found.inKey ? `The key ${found.field}` : found.field;
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, `${what} contains ${found.problem}, which cannot be stored`, { field: found.field });
}

/** Throws `unstorableTextError` for the first unstorable string or key in `value`. */
export function assertStorableText(value: unknown, root: string): void {
  const found = findUnstorableText(value, root);
  if (found) throw unstorableTextError(found);
}
