import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerSigner, type Caller } from '@omnitron/server-kit';
import { EntityCache } from './entity-cache';
import { GatewayMetrics } from './metrics';
import { SignedDataSource } from './signed-data-source';

const QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{email}}}';
const user = (id: string) => ({ __typename: 'User', id });
const caller: Caller = { userId: 'u', workspaceId: 'w', role: 'viewer', scopes: null };
const cacheOf = (ttlMs = 60_000, maxEntries = 100) => new EntityCache({ ttlMs, maxEntries, types: new Set(['User']) });

describe('EntityCache', () => {
  it('answers a fetch only when every representation is fresh, each entity its own copy', () => {
    const cache = cacheOf(1_000);
    const keys = cache.keysOf(QUERY, { representations: [user('a'), user('b')] }, true)!;
    expect(cache.answer(keys, 0)).toBeUndefined();
    cache.keep(keys.slice(0, 1), { data: { _entities: [{ email: 'a@x' }] } }, 0);
    expect(cache.answer(keys, 10)).toBeUndefined(); // b is not known yet
    cache.keep(keys, { data: { _entities: [{ email: 'a@x' }, { email: 'b@x' }] } }, 0);
    const answer = cache.answer(keys, 999)!;
    expect(answer).toEqual({ data: { _entities: [{ email: 'a@x' }, { email: 'b@x' }] } });
    expect(cache.answer(keys, 999)!.data!._entities[0]).not.toBe((answer.data as { _entities: object[] })._entities[0]);
    expect(cache.answer(keys, 1_000)).toBeUndefined(); // expired
  });

  it('keeps no null entity, no entity with an error, and nothing from an answer with a request-wide error', () => {
    const cache = cacheOf();
    const keys = cache.keysOf(QUERY, { representations: [user('a'), user('b'), user('c')] }, true)!;
    cache.keep(keys, { data: { _entities: [{ email: 'a@x' }, null, { email: null }] }, errors: [{ message: 'x', path: ['_entities', 2, 'email'] }] });
    expect(cache.size).toBe(1);
    const other = cache.keysOf(QUERY, { representations: [user('d')] }, true)!;
    cache.keep(other, { data: { _entities: [{ email: 'd@x' }] }, errors: [{ message: 'request-wide' }] });
    expect(cache.size).toBe(1);
  });

  it('serves only signed-in callers, only the listed types, and nothing when turned off', () => {
    const cache = cacheOf();
    expect(cache.keysOf(QUERY, { representations: [user('a')] }, false)).toBeUndefined();
    expect(cache.keysOf(QUERY, { representations: [user('a'), { __typename: 'Workspace', id: 'w' }] }, true)).toBeUndefined();
    expect(cache.keysOf(QUERY, { id: 'a' }, true)).toBeUndefined();
    expect(cacheOf(0).keysOf(QUERY, { representations: [user('a')] }, true)).toBeUndefined();
    // Another selection is another answer.
    expect(cache.keysOf(QUERY, { representations: [user('a')] }, true)).not.toEqual(cache.keysOf(QUERY.replace('email', 'name'), { representations: [user('a')] }, true));
  });

  it('drops the oldest answers beyond its bound', () => {
    const cache = cacheOf(60_000, 2);
    for (const id of ['a', 'b', 'c']) cache.keep(cache.keysOf(QUERY, { representations: [user(id)] }, true)!, { data: { _entities: [{ email: `${id}@x` }] } });
    expect(cache.size).toBe(2);
    expect(cache.answer(cache.keysOf(QUERY, { representations: [user('a')] }, true)!)).toBeUndefined();
    expect(cache.answer(cache.keysOf(QUERY, { representations: [user('c')] }, true)!)).toBeDefined();
  });
});

describe('SignedDataSource with an entity cache', () => {
  let server: Server;
  let url = '';
  const posts: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { variables } = JSON.parse(body) as { variables: { representations: Array<{ id: string }> } };
        posts.push(variables.representations.map((r) => r.id));
        const entities = variables.representations.map((r) => (r.id === 'gone' ? null : { email: `${r.id}@example.com` }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _entities: entities } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchOwners = (source: SignedDataSource, ids: string[], who: Caller | null = caller) =>
    source.process({ request: { query: QUERY, variables: { representations: ids.map(user) } }, context: { caller: who, requestId: 'r' } } as never);

  it('asks the subgraph once for owners it has answered, and always for anonymous callers', async () => {
    const source = new SignedDataSource('identity', url, new CallerSigner('key'), new GatewayMetrics(), 5_000, cacheOf());
    posts.length = 0;
    const first = await fetchOwners(source, ['a', 'a', 'b']);
    expect(first.data).toEqual({ _entities: [{ email: 'a@example.com' }, { email: 'a@example.com' }, { email: 'b@example.com' }] });
    expect(await fetchOwners(source, ['b', 'a'])).toEqual({ data: { _entities: [{ email: 'b@example.com' }, { email: 'a@example.com' }] } });
    expect(posts).toEqual([['a', 'b']]);
    // Repeats are answered from one cached entry, each occurrence its own object (the gateway merges into them).
    const repeated = (await fetchOwners(source, ['a', 'b', 'a'])).data as { _entities: object[] };
    expect(repeated._entities).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'a@example.com' }]);
    expect(repeated._entities[0]).not.toBe(repeated._entities[2]);
    expect(posts).toEqual([['a', 'b']]);
    await fetchOwners(source, ['a', 'c']); // c is new: the whole fetch goes out
    await fetchOwners(source, ['a'], null);
    await fetchOwners(source, ['gone']);
    await fetchOwners(source, ['gone']); // a null answer is not kept
    expect(posts).toEqual([['a', 'b'], ['a', 'c'], ['a'], ['gone'], ['gone']]);
    source.close();
  });
});
