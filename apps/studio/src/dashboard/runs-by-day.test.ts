import { expect, it } from 'vitest';
import { runsByDay } from './runs-by-day';

it('counts runs per UTC day by outcome, with empty days kept', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const days = runsByDay(
    [
      { status: 'SUCCEEDED', createdAt: '2026-03-10T01:00:00Z' },
      { status: 'FAILED', createdAt: '2026-03-10T02:00:00Z' },
      { status: 'RUNNING', createdAt: '2026-03-08T02:00:00Z' },
      { status: 'SUCCEEDED', createdAt: '2026-01-01T02:00:00Z' },
    ],
    3,
    now,
  );
  expect(days).toEqual([
    { day: '2026-03-08', succeeded: 0, failed: 0, other: 1 },
    { day: '2026-03-09', succeeded: 0, failed: 0, other: 0 },
    { day: '2026-03-10', succeeded: 1, failed: 1, other: 0 },
  ]);
});
