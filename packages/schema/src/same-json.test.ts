import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json';

describe('sameJson', () => {
  it('compares JSON values deeply, ignoring key order and undefined keys', () => {
    expect(sameJson({ a: [1, { b: 2 }], c: 'x' }, { c: 'x', a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: undefined }, {})).toBe(true);
    expect(sameJson(null, null)).toBe(true);
  });

  it('tells apart values that differ in kind, length or any leaf', () => {
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson([1, 2], [1])).toBe(false);
    expect(sameJson({ a: { b: 1 } }, { a: { b: '1' } })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});
