import { fitLine, utf8Prefix } from '@omnitron/nodes';

/** What a value too large to store is replaced with. */
export interface TruncatedValue {
  readonly $truncated: true;
  readonly bytes: number;
  readonly preview: string;
}

/** The start of a truncated value's JSON kept as its preview, in UTF-8 bytes. */
const PREVIEW_BYTES = 1_024;

/**
 * Longest error message stored (node runs, their attempts, the run, events), in UTF-8 bytes: a
 * node's error carries whatever the failing code or service said (a thrown 8 MB string, a whole
 * response body), and it is written to the database and the event stream several times.
 */
export const ERROR_MESSAGE_MAX_BYTES = 8_192;

/**
 * An upper bound of the UTF-8 bytes of `value`'s JSON, or some number above `budget` once the walk
 * passes it. Six bytes per string character covers the widest escape (`\u0000`); a value only
 * JSON.stringify can size (a `toJSON`, a bigint, a nesting too deep to walk) is Infinity.
 */
function jsonBytesBound(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'bigint':
      return Number.POSITIVE_INFINITY;
    case 'object':
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Number.POSITIVE_INFINITY;
      return containerBound(value, budget);
    default:
      // undefined, a function or a symbol: left out of an object, `null` in an array.
      return 4;
  }
}

function containerBound(value: object, budget: number): number {
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      total += jsonBytesBound(item, budget - total) + 1;
      if (total > budget) return total;
    }
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + jsonBytesBound((value as Record<string, unknown>)[key], budget - total);
    if (total > budget) return total;
  }
  return total;
}

/**
 * The value itself when its JSON fits in `maxBytes`; otherwise a preview and a flag. A value whose
 * bound (`jsonBytesBound`) fits is not serialised here at all: it is once, when it is written.
 */
export function fitForStorage(value: unknown, maxBytes: number): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  if (fitsBound(value, maxBytes)) return { value, truncated: false };
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return { value, truncated: false };
  const preview: TruncatedValue = { $truncated: true, bytes, preview: utf8Prefix(json.slice(0, PREVIEW_BYTES), PREVIEW_BYTES) };
  return { value: preview, truncated: true };
}

function fitsBound(value: unknown, maxBytes: number): boolean {
  try {
    return jsonBytesBound(value, maxBytes) <= maxBytes;
  } catch {
    // Nested too deep for the walk: JSON.stringify decides (and throws what it throws).
    return false;
  }
}

/** The error with its message cut to ERROR_MESSAGE_MAX_BYTES ("… [truncated N bytes]"); the same object when it fits. */
export function fitError<E extends { message: string }>(error: E): E {
  const message = fitLine(error.message, ERROR_MESSAGE_MAX_BYTES);
  return message === error.message ? error : { ...error, message };
}
