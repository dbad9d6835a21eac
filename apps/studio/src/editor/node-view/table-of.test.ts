import { describe, expect, it } from 'vitest';
import { cellText, inputFieldTemplate, schemaOf, tableOf } from './table-of';

describe('the node view table', () => {
  it('draws an array of objects as rows with the union of their keys as columns', () => {
    expect(tableOf([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({ columns: ['a', 'b'], rows: [{ a: 1 }, { a: 2, b: 'x' }], total: 2 });
  });

  it('draws the one array inside an HTTP body-like object, and other values as one row', () => {
    expect(tableOf({ status: 200, body: [{ id: 1 }] }).rows).toEqual([{ id: 1 }]);
    expect(tableOf({ a: 1, b: 2 })).toMatchObject({ columns: ['a', 'b'], total: 1 });
    expect(tableOf('hi')).toEqual({ columns: ['value'], rows: [{ value: 'hi' }], total: 1 });
    expect(tableOf(undefined).total).toBe(0);
  });

  it('pages a large array', () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ i }));
    const third = tableOf(items, 2, 50);
    expect(third.total).toBe(120);
    expect(third.rows.map((r) => r.i)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
  });

  it('shows cells as text and a value as its field paths and types', () => {
    expect([cellText('a'), cellText(1), cellText({ x: [1] }), cellText(undefined)]).toEqual(['a', '1', '{"x":[1]}', '']);
    expect(schemaOf({ user: { name: 'a' }, tags: ['x'] })).toEqual([
      { path: 'user', type: 'object' },
      { path: 'user.name', type: 'string' },
      { path: 'tags', type: 'array(1)' },
      { path: 'tags[0]', type: 'string' },
    ]);
  });

  it('quotes field names that are not identifiers, and turns an input field into the template that reads it', () => {
    expect(schemaOf({ headers: { 'content-type': 'x' } }).map((f) => f.path)).toEqual(['headers', 'headers.`content-type`']);
    expect(inputFieldTemplate(['fetch'], 'body[0].name')).toBe('{{ $nodes.fetch.body[0].name }}');
    expect(inputFieldTemplate(['fetch'], '[0].id')).toBe('{{ $nodes.fetch[0].id }}');
    expect(inputFieldTemplate(['fetch'], '(value)')).toBe('{{ $nodes.fetch }}');
    expect(inputFieldTemplate(['a', 'b'], 'a.body')).toBe('{{ $nodes.a.body }}');
  });
});
