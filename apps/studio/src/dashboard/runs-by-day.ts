export interface DayBucket {
  readonly day: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly other: number;
}

/** Runs per UTC day for the last `days` days, oldest first, empty days included. */
export function runsByDay(runs: readonly { status: string; createdAt: string }[], days: number, now = Date.now()): DayBucket[] {
  const buckets = new Map<string, { succeeded: number; failed: number; other: number }>();
  for (let i = days - 1; i >= 0; i--) buckets.set(new Date(now - i * 86_400_000).toISOString().slice(0, 10), { succeeded: 0, failed: 0, other: 0 });
  for (const run of runs) {
    const bucket = buckets.get(run.createdAt.slice(0, 10));
    if (!bucket) continue;
    if (run.status === 'SUCCEEDED') bucket.succeeded++;
    else if (run.status === 'FAILED') bucket.failed++;
    else bucket.other++;
  }
  return [...buckets].map(([day, counts]) => ({ day, ...counts }));
}
