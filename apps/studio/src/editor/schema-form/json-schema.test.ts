import { describe, expect, it } from 'vitest';
import { fieldKind, labelOf, type JsonSchema } from './json-schema';

describe('config form field kinds', () => {
  it('gives every widget the catalog declares its own editor', () => {
    const cases: Array<[string, JsonSchema, string]> = [
      ['expression', { type: 'string' }, 'expression'],
      ['template', { type: 'string' }, 'template'],
      ['code', { type: 'string', language: 'sql' }, 'code'],
      ['textarea', { type: 'string' }, 'code'],
      ['keyValue', { type: 'object', additionalProperties: { type: 'string' } }, 'key-value'],
      ['list', { type: 'array', items: { type: 'string' } }, 'list'],
      ['cron', { type: 'string' }, 'cron'],
      ['timezone', { type: 'string' }, 'timezone'],
      ['json', { anyOf: [{ type: 'string' }, { type: 'object' }] }, 'json'],
      ['credential', { type: 'string' }, 'credential'],
      ['password', { type: 'string' }, 'password'],
    ];
    for (const [widget, schema, kind] of cases) expect(fieldKind({ ...schema, widget }), widget).toBe(kind);
  });

  it('edits a field without a widget by its type, never by its name or description', () => {
    expect(fieldKind({ type: 'string', description: 'JSONata expression with {{ }} templates' })).toBe('text');
    expect(fieldKind({ type: 'string', maxLength: 100_000 })).toBe('text');
    expect(fieldKind({ type: 'boolean' })).toBe('boolean');
    expect(fieldKind({ type: 'integer' })).toBe('number');
    expect(fieldKind({ type: 'string', enum: ['a', 'b'] })).toBe('enum');
    expect(fieldKind({ type: 'array', items: { type: 'string', enum: ['GET', 'POST'] } })).toBe('multi-enum');
    expect(fieldKind({ type: 'object', properties: { a: { type: 'string' } } })).toBe('object');
    expect(fieldKind({ type: 'object' })).toBe('json');
    expect(fieldKind({ type: 'array', items: { type: 'string' } })).toBe('json');
  });

  it('falls back to the type for a widget it does not know', () => {
    expect(fieldKind({ type: 'number', widget: 'slider' })).toBe('number');
  });

  it('labels a field by its title, the property name only without one', () => {
    expect(labelOf('failOnHttpError', { title: 'Fail on an error status' })).toBe('Fail on an error status');
    expect(labelOf('failOnHttpError', {})).toBe('failOnHttpError');
  });
});
