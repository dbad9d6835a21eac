import { fitLine, provablyFitsJson, utf8Prefix } from '@omnitron/nodes';

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
 * The value itself when its JSON fits in `maxBytes`; otherwise a preview and a flag. A value whose
 * bound (`provablyFitsJson`) fits is not serialised here at all: it is once, when it is written.
 */
export function fitForStorage(value: unknown, maxBytes: number): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  if (provablyFitsJson(value, maxBytes)) return { value, truncated: false };
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return { value, truncated: false };
  const preview: TruncatedValue = { $truncated: true, bytes, preview: utf8Prefix(json.slice(0, PREVIEW_BYTES), PREVIEW_BYTES) };
  return { value: preview, truncated: true };
}

/** The error with its message cut to ERROR_MESSAGE_MAX_BYTES ("… [truncated N bytes]"); the same object when it fits. */
export function fitError<E extends { message: string }>(error: E): E {
  const message = fitLine(error.message, ERROR_MESSAGE_MAX_BYTES);
  return message === error.message ? error : { ...error, message };
}
