import { describe, expect, it } from 'vitest';
import { provablyFitsJson } from './json-size-bound';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

describe('provablyFitsJson', () => {
  it('proves small values fit, and never says a value fits when its JSON is larger', () => {
    const values: unknown[] = [null, true, 1.5e300, -0, '', 'héllo \u0000 "quoted" \u{1F600}', [1, 'two', { three: [null] }], { a: { b: { c: 'd'.repeat(100) } } }, [undefined, () => 1]];
    for (const value of values) {
      expect(provablyFitsJson(value, 10_000)).toBe(true);
      // At exactly its JSON size the bound may not prove it (it is an upper bound), but it must never claim less.
      if (provablyFitsJson(value, bytes(value) - 1)) throw new Error(`claimed ${JSON.stringify(value)} fits under its size`);
    }
  });

  it('leaves to JSON.stringify what only it can size: toJSON, bigint, a nesting too deep to walk', () => {
    expect(provablyFitsJson({ when: new Date(0) }, 10_000)).toBe(false);
    expect(provablyFitsJson({ n: 1n }, 10_000)).toBe(false);
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(provablyFitsJson(deep, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('a large value: not proven under a small budget, proven under a large one', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => ({ i, text: 'abcdefgh' }));
    expect(provablyFitsJson(big, 1_000)).toBe(false);
    expect(provablyFitsJson(big, 20_000_000)).toBe(true);
  });
});
