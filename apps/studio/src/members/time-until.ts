const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
] as const;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/**
 * How far away `at` (an ISO date) is, in its largest whole unit: "in 6 days", "in 3 hours",
 * "in 1 minute"; "now" once it has passed. Rounded down, so an invitation never looks longer
 * lived than it is.
 */
export function timeUntil(at: string, now = Date.now()): string {
  const left = Date.parse(at) - now;
  for (const [unit, ms] of UNITS) {
    if (left >= ms) return relative.format(Math.floor(left / ms), unit);
  }
  return left > 0 ? 'in under a minute' : 'now';
}
