import { describe, expect, it } from 'vitest';
import { fitLine, lineCost, LogBudget } from './log-budget';
import { utf8Length, utf8Prefix } from './utf8';

describe('fitLine', () => {
  it('keeps a line that fits, byte for byte', () => {
    expect(fitLine('é'.repeat(50), 100)).toBe('é'.repeat(50));
  });

  it('cuts by UTF-8 bytes, whole characters only, and names the bytes cut', () => {
    const line = fitLine('😀'.repeat(100), 64);
    expect(utf8Length(line)).toBeLessThanOrEqual(64);
    const kept = [...line.split('…')[0]!].length;
    expect(line).toBe(`${'😀'.repeat(kept)}… [truncated ${400 - 4 * kept} bytes]`);
  });

  it('trusts a measured total when it was given only the head', () => {
    expect(fitLine('abc', 40, 9_000_000)).toMatch(/^abc… \[truncated 8,999,997 bytes\]$/);
  });
});

describe('utf8Prefix', () => {
  it('never splits a surrogate pair and counts a lone surrogate as three bytes', () => {
    expect(utf8Prefix('a😀', 4)).toBe('a');
    expect(utf8Prefix('a\uD800b', 4)).toBe('a\uD800');
    expect(utf8Length('a\uD800')).toBe(4);
  });
});

describe('LogBudget', () => {
  it('closes at the first line that does not fit and keeps its marker within the budget', () => {
    const budget = new LogBudget(2_000);
    let stored = 0;
    for (const size of [500, 500, 900, 10]) {
      if (budget.fits(lineCost(size))) {
        budget.charge(lineCost(size));
        stored += lineCost(size);
      } else budget.drop(1, size);
    }
    const marker = budget.takeMarker()!;
    expect(marker).toEqual({ text: '[further logs dropped: 2 lines, 910 bytes]', data: { dropped: { lines: 2, bytes: 910 } } });
    stored += lineCost(utf8Length(marker.text) + utf8Length(JSON.stringify(marker.data)));
    expect(stored).toBeLessThanOrEqual(2_000);
    expect(budget.takeMarker()).toBeUndefined();
  });
});
