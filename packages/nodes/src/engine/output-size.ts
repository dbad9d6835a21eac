import { ErrorCode, NodeError } from '../errors';

/**
 * An upper bound of the UTF-8 JSON size of `value`, giving up as soon as it passes `budget`.
 * Six bytes per string char covers the worst escape (`\u0000`), so a bound under the limit proves
 * the output fits without serialising it; only outputs near the limit pay for JSON.stringify.
 */
function sizeBound(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'object':
      return value === null ? 4 : containerBound(value, budget);
    default:
      return 0;
  }
}

function containerBound(value: object, budget: number): number {
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      total += sizeBound(item, budget - total) + 1;
      if (total > budget) return total;
    }
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + sizeBound((value as Record<string, unknown>)[key], budget - total);
    if (total > budget) return total;
  }
  return total;
}

/** Throws OUTPUT_TOO_LARGE when the JSON form of `value` is larger than `limit` bytes. */
export function assertOutputSize(value: unknown, limit: number): void {
  if (sizeBound(value, limit) <= limit) return;
  const json = JSON.stringify(value);
  const bytes = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > limit) {
    throw new NodeError(ErrorCode.OUTPUT_TOO_LARGE, `output is ${bytes} bytes; the limit is ${limit}`, {
      retryable: false,
    });
  }
}
