import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitForStorage } from './truncate';

/** What fitForStorage answered before its size bound: always through JSON.stringify. */
function byStringify(value: unknown, maxBytes: number): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return { value, truncated: false };
  return { value: { $truncated: true, bytes, preview: expect.any(String) as unknown }, truncated: true };
}

/** JSON values with text that escapes or takes several UTF-8 bytes per character. */
const text = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '"', '\\', '\n', '\u0001', '\u2028') });
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(text, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('fitForStorage', () => {
  it('keeps or truncates exactly as measuring the JSON would, at limits around the size', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: -8, max: 8 }), (value, offset) => {
        const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null');
        const maxBytes = Math.max(0, bytes + offset);
        expect(fitForStorage(value, maxBytes)).toEqual(byStringify(value, maxBytes));
      }),
      { numRuns: 2_000 },
    );
  });

  it('sizes what only JSON.stringify can (toJSON, bigint, cycles) by stringifying it', () => {
    const date = new Date('2026-12-07T00:00:00.000Z');
    expect(fitForStorage({ at: date }, 20)).toEqual({ value: { $truncated: true, bytes: 33, preview: '{"at":"2026-12-07T00:00:00.000Z"}' }, truncated: true });
    expect(fitForStorage({ at: date }, 33)).toEqual({ value: { at: date }, truncated: false });
    expect(() => fitForStorage({ n: 1n }, 1_000)).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => fitForStorage(cycle, 1_000)).toThrow(TypeError);
  });

  it('measures a value nested too deep to walk by stringifying it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    // JSON.stringify gives up on it too: the same RangeError as before the bound.
    expect(() => fitForStorage(deep, 10)).toThrow(RangeError);
  });
});
