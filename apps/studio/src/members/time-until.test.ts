import { expect, it } from 'vitest';
import { timeUntil } from './time-until';

const now = Date.parse('2026-03-10T12:00:00Z');

it('names the largest whole unit left, rounded down', () => {
  expect(timeUntil('2026-03-17T12:00:00Z', now)).toBe('in 7 days');
  expect(timeUntil('2026-03-17T11:59:00Z', now)).toBe('in 6 days');
  expect(timeUntil('2026-03-10T15:30:00Z', now)).toBe('in 3 hours');
  expect(timeUntil('2026-03-10T12:01:59Z', now)).toBe('in 1 minute');
});

it('says when less than a minute is left, and "now" once the moment has passed', () => {
  expect(timeUntil('2026-03-10T12:00:30Z', now)).toBe('in under a minute');
  expect(timeUntil('2026-03-10T12:00:00Z', now)).toBe('now');
  expect(timeUntil('2026-03-09T12:00:00Z', now)).toBe('now');
});
