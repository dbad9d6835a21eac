import { ErrorCode, NodeError } from '../errors';
import { provablyFitsJson } from '../json-size-bound';

/** Throws OUTPUT_TOO_LARGE when the JSON form of `value` is larger than `limit` bytes. */
export function assertOutputSize(value: unknown, limit: number): void {
  // Only outputs near the limit pay for JSON.stringify.
  if (provablyFitsJson(value, limit)) return;
  const json = JSON.stringify(value);
  const bytes = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > limit) {
    throw new NodeError(ErrorCode.OUTPUT_TOO_LARGE, `output is ${bytes} bytes; the limit is ${limit}`, {
      retryable: false,
    });
  }
}
