import { describe, expect, it } from 'vitest';
import { assertStorableText, findUnstorableText, unstorableIn } from './storable-text';

describe('unstorable text', () => {
  it('is a NUL or an unpaired surrogate, and nothing else', () => {
    expect(unstorableIn('a\u0000b')).toBe('a NUL character');
    for (const lone of ['\ud800', 'x\udbff', '\udc00y', '\udfff\ud800', '\ud83d\ud83d\ude80'.slice(0, 2)]) expect(unstorableIn(lone)).toBe('an unpaired surrogate');
    for (const fine of ['', 'plain', '\ud83d\ude80', '\u0001\u001f\u007f', '\ufffd\uffff', '\u202e']) expect(unstorableIn(fine)).toBeUndefined();
  });

  it('is found at any depth, in values and in keys, and named by its path', () => {
    expect(findUnstorableText({ body: { items: ['ok', { note: 'a\u0000' }] } }, '')).toEqual({ field: 'body.items[1].note', problem: 'a NUL character' });
    expect(findUnstorableText({ headers: { 'x-a': '\ud800' } }, 'request')).toMatchObject({ field: 'request.headers.x-a' });
    expect(findUnstorableText({ data: { 'we ird': '\udc00' } }, '$input')).toMatchObject({ field: '$input.data["we ird"]' });
    expect(findUnstorableText({ data: { '\u0000': 1 } }, '$input')).toEqual({ field: '$input.data["\\u0000"]', problem: 'a NUL character', inKey: true });
    expect(findUnstorableText({ a: [1, true, null, 'fine', { b: '\ud83d\ude80' }] }, '$v')).toBeUndefined();
  });

  it('is found in a nesting deep enough to overflow a recursive walk', () => {
    let deep: unknown = 'end\u0000';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(findUnstorableText(deep, 'body')?.problem).toBe('a NUL character');
  });

  it('is refused with VALIDATION_FAILED naming the field, the text itself never echoed raw', () => {
    expect(() => assertStorableText({ name: 'x\u0000' }, '$input')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', extensions: expect.objectContaining({ field: '$input.name' }) }));
    try {
      assertStorableText({ '\ud800': 1 }, 'body');
    } catch (error) {
      expect((error as Error).message).toBe('The key body["\\ud800"] contains an unpaired surrogate, which cannot be stored');
    }
  });
});
