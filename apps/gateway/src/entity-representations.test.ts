import { describe, expect, it } from 'vitest';
import { distinctRepresentations } from './entity-representations';

const user = (id: string) => ({ __typename: 'User', id });

describe('distinctRepresentations', () => {
  it('leaves fetches without repeated representations alone', () => {
    expect(distinctRepresentations(undefined)).toBeUndefined();
    expect(distinctRepresentations({ id: 'x' })).toBeUndefined();
    expect(distinctRepresentations({ representations: [user('a'), user('b')] })).toBeUndefined();
  });

  it('sends each representation once and answers every entity, each with its own copy', () => {
    const distinct = distinctRepresentations({ representations: [user('a'), user('b'), user('a'), user('a')], other: 1 })!;
    expect(distinct.variables).toEqual({ representations: [user('a'), user('b')], other: 1 });
    const answer = distinct.expand({ data: { _entities: [{ email: 'a@x' }, { email: 'b@x' }] }, extensions: { n: 1 } });
    expect(answer).toEqual({ data: { _entities: [{ email: 'a@x' }, { email: 'b@x' }, { email: 'a@x' }, { email: 'a@x' }] }, extensions: { n: 1 } });
    const entities = (answer.data as { _entities: object[] })._entities;
    expect(new Set(entities).size).toBe(4);
    const nested = distinct.expand({ data: { _entities: [{ team: { tags: ['x'] } }, null] } });
    const [first, , third] = (nested.data as { _entities: Array<{ team: { tags: string[] } }> })._entities;
    expect(third).toEqual(first);
    expect(third!.team).not.toBe(first!.team);
    expect(third!.team.tags).not.toBe(first!.team.tags);
  });

  it('merges only representations that are equal: same fields, same types, same values', () => {
    const representations = [
      user('1'),
      { __typename: 'User', id: 1 },
      { id: '1', __typename: 'User' },
      { __typename: 'User', id: '1', extra: 'x' },
      { __typename: 'User', id: '1', extra: 'x' },
      { __typename: 'User\u0000', id: '' },
      { __typename: 'User', id: '\u0000' },
    ];
    const distinct = distinctRepresentations({ representations })!;
    expect(distinct.variables.representations).toEqual([representations[0], representations[1], representations[3], representations[5], representations[6]]);
  });

  it('repeats an entity\'s errors at every index that asked for it, in index order', () => {
    const distinct = distinctRepresentations({ representations: [user('a'), user('b'), user('a')] })!;
    const answer = distinct.expand({
      data: { _entities: [null, { email: 'b@x' }] },
      errors: [
        { message: 'gone', path: ['_entities', 0, 'email'], extensions: { code: 'NOT_FOUND' } },
        { message: 'request-wide' },
      ],
    });
    expect(answer.data).toEqual({ _entities: [null, { email: 'b@x' }, null] });
    expect(answer.errors).toEqual([
      { message: 'request-wide' },
      { message: 'gone', path: ['_entities', 0, 'email'], extensions: { code: 'NOT_FOUND' } },
      { message: 'gone', path: ['_entities', 2, 'email'], extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  it('leaves an answer of the wrong length for the gateway to refuse', () => {
    const distinct = distinctRepresentations({ representations: [user('a'), user('a')] })!;
    expect(distinct.expand({ data: { _entities: [] } })).toEqual({ data: { _entities: [] } });
    expect(distinct.expand({ data: null, errors: [{ message: 'x', path: ['_entities'] }] })).toEqual({ data: null, errors: [{ message: 'x', path: ['_entities'] }] });
  });
});
