import { describe, expect, it } from 'vitest';
import { unstorableHttpOperation, unstorableOperationText } from './operation-text';

const fieldOf = (query: unknown, variables?: unknown) => unstorableOperationText(query, variables)?.extensions.field;

describe('an operation carrying text no database can store', () => {
  it('is refused by its variables, JSON scalar values and keys included', () => {
    const query = 'mutation($input: FlowInput!) { createFlow(input: $input) { id } }';
    expect(fieldOf(query, { input: { name: 'a\u0000' } })).toBe('$input.name');
    expect(fieldOf(query, { input: { name: 'a', nodes: [{ data: { '\ud800': 1 } }] } })).toBe('$input.nodes[0].data["\\ud800"]');
    expect(unstorableOperationText(query, { input: { name: 'a\u0000' } })?.extensions.code).toBe('VALIDATION_FAILED');
    expect(unstorableOperationText(query, { input: { name: 'caf\u00e9 \ud83d\ude80' } })).toBeUndefined();
  });

  it('is refused by an inline literal, named by the field and argument path', () => {
    expect(fieldOf('mutation { createFlow(input: { name: "a\\u0000b", tags: ["x", "\\u{0}"] }) { id } }')).toBe('createFlow.input.name');
    expect(fieldOf('mutation { createFlow(input: { name: "ok", tags: ["x", "\\u{0}"] }) { id } }')).toBe('createFlow.input.tags[1]');
    expect(fieldOf('query { flows(search: """a\u0000""") { edges { node { id } } } }')).toBe('flows.search');
    expect(fieldOf('query($s: String = "\\u0000") { flows(search: $s) { pageInfo { hasNextPage } } }')).toBe('$s');
    expect(fieldOf('query { me { id @include(if: true) name } flows { edges { node { name @skip(if: false) } } } nested: flow(id: "\\u0000") { id } }')).toBe('flow.id');
  });

  it('lets every other text through, and leaves syntax errors to the parser', () => {
    expect(unstorableOperationText('{ flows(search: "caf\\u00e9 \\uD83D\\uDE80") { pageInfo { hasNextPage } } }', {})).toBeUndefined();
    expect(unstorableOperationText('{ flows(search: "\\uD800") { id } }', {})).toBeUndefined();
    expect(unstorableOperationText('{ flows(search: "a\\u0000', {})?.extensions.field).toBeUndefined();
  });

  it('is read from a POST body or from the parameters of a GET', () => {
    expect(unstorableHttpOperation({ method: 'POST', body: { query: '{ a }', variables: { v: '\u0000' } }, search: '' })?.extensions.field).toBe('$v');
    const search = `?${new URLSearchParams({ query: '{ flows(search: "\\u0000") { id } }', variables: '{}' })}`;
    expect(unstorableHttpOperation({ method: 'GET', body: undefined, search })?.extensions.field).toBe('flows.search');
    expect(unstorableHttpOperation({ method: 'GET', body: undefined, search: `?query=%7Ba%7D&variables=${encodeURIComponent('{"v":"\\ud800"}')}` })?.extensions.field).toBe('$v');
    expect(unstorableHttpOperation({ method: 'POST', body: 'not an object', search: '' })).toBeUndefined();
  });
});
