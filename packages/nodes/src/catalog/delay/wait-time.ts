import { ErrorCode, NodeError } from '../../errors';

/** The longest a `delay` or `wait` may wait: a year. */
export const MAX_WAIT_MS = 365 * 24 * 3_600_000;

/**
 * The epoch milliseconds an `until` expression's value names: an ISO 8601 date-time with its zone
 * (or a date, read as UTC midnight) or epoch milliseconds. Anything else, or a time over a year
 * ahead, fails the node with VALIDATION_FAILED naming the value.
 */
export function untilOf(value: unknown, field = 'until', now = Date.now()): number {
  const at = typeof value === 'number' ? value : typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) {
    throw new NodeError(ErrorCode.VALIDATION_FAILED, `${field} must be an ISO 8601 date-time with its zone (or epoch milliseconds), got ${describe(value)}`, { retryable: false });
  }
  if (at - now > MAX_WAIT_MS) {
    throw new NodeError(ErrorCode.VALIDATION_FAILED, `${field} is more than a year ahead (${new Date(at).toISOString()})`, { retryable: false });
  }
  return at;
}

/** A date, or a date-time with seconds optional, fractions allowed and a zone (`Z` or an offset). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
