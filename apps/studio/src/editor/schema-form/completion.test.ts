import { describe, expect, it } from 'vitest';
import { applyCompletion, completionAt, lineAndColumn } from './completion';

const PATHS = ['$input', '$input.body', '$input.body.name', '$nodes.fetch', '$nodes.fetch.status', '$nodes.fetch.body.items', '$.amount'];

describe('expression completion', () => {
  it('offers the paths that continue what is typed at the caret, the next step first', () => {
    const text = '$count($nodes.f';
    expect(completionAt(text, text.length, PATHS)).toEqual({ from: 7, options: ['$nodes.fetch', '$nodes.fetch.status', '$nodes.fetch.body.items'] });
    expect(completionAt('$input.body.', 12, PATHS)?.options).toEqual(['$input.body.name']);
  });

  it('offers nothing outside a $ path, or when nothing continues it', () => {
    expect(completionAt('amount > ', 9, PATHS)).toBeUndefined();
    expect(completionAt('$zzz', 4, PATHS)).toBeUndefined();
    expect(completionAt('$input.body.name', 16, PATHS)).toBeUndefined();
  });

  it('replaces the typed path with the chosen one and puts the caret after it', () => {
    const text = 'x = $nod + 1';
    const completion = completionAt(text, 8, PATHS)!;
    expect(applyCompletion(text, 8, completion, '$nodes.fetch.status')).toEqual({ text: 'x = $nodes.fetch.status + 1', caret: 23 });
  });

  it('turns an index into a line and column', () => {
    expect(lineAndColumn('a\nbc + ', 5)).toEqual({ line: 2, column: 4 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
