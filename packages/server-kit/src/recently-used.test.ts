import { describe, expect, it } from 'vitest';
import { queryTextWeight, RecentlyUsed } from './recently-used';

describe('RecentlyUsed', () => {
  it('drops the least recently used entry beyond its bound; a read counts as a use', () => {
    const cache = new RecentlyUsed<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // b is now the oldest
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('creates a missing value once, keeps it only when allowed, and keeps falsy values', () => {
    const cache = new RecentlyUsed<string, number | null>(10);
    let made = 0;
    const make = () => (made++, 0);
    expect(cache.getOrCreate('zero', make)).toBe(0);
    expect(cache.getOrCreate('zero', make)).toBe(0);
    expect(made).toBe(1);
    expect(cache.getOrCreate('nil', () => null)).toBeNull();
    expect(cache.getOrCreate('big', () => 7, () => false)).toBe(7);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('keeps at most its weight limit, dropping the least recently used; a too heavy entry is not kept', () => {
    const cache = new RecentlyUsed<string, number>(100, queryTextWeight(10));
    cache.set('aaaa', 1);
    cache.set('bbbb', 2);
    expect(cache.totalWeight).toBe(8);
    expect(cache.get('aaaa')).toBe(1); // bbbb is now the oldest
    cache.set('cccc', 3); // 12 > 10: bbbb goes
    expect([cache.get('bbbb'), cache.get('aaaa'), cache.get('cccc'), cache.totalWeight]).toEqual([undefined, 1, 3, 8]);
    cache.set('aaaa', 4); // replacing does not count twice
    expect([cache.size, cache.totalWeight]).toEqual([2, 8]);
    cache.set('x'.repeat(11), 5);
    expect([cache.get('x'.repeat(11)), cache.size, cache.totalWeight]).toEqual([undefined, 2, 8]);
    cache.set('y'.repeat(10), 6); // exactly the limit: everything else goes
    expect([cache.size, cache.totalWeight, cache.get('y'.repeat(10))]).toEqual([1, 10, 6]);
  });

  it('refuses a bound below one', () => {
    expect(() => new RecentlyUsed(0)).toThrow(RangeError);
    expect(() => new RecentlyUsed(1, queryTextWeight(0))).toThrow(RangeError);
  });
});
