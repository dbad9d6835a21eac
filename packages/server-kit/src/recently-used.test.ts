import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from './recently-used';

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

  it('refuses a bound below one', () => {
    expect(() => new RecentlyUsed(0)).toThrow(RangeError);
  });
});
