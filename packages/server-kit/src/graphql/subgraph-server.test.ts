import { defineEntity, p } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { PortableMigration } from '../db/portable-migration';
import { routeOf, signCaller } from '../caller';
import { startTestSubgraph, TEST_SIGNING_KEY, type TestSubgraph } from '../testing';
import { buildFederatedSchema } from './federated-schema';

const NoteSchema = defineEntity({ name: 'Note', tableName: 'notes', properties: { id: p.integer().primary(), text: p.text() } });
class CreateNotes extends PortableMigration {
  override up(): void {
    this.statements(() => 'create table "notes" ("id" integer not null primary key, "text" text not null);');
  }
}

const definition = () => ({
  name: 'kitcheck',
  entities: [NoteSchema],
  migrations: [{ name: '0001-notes', class: CreateNotes }],
  buildSchema: () => buildFederatedSchema({ name: 'kitcheck', resolvers: [] }),
});

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(definition(), { config: { MAX_BODY_BYTES: 2_048, MAX_QUERY_DEPTH: 3 } });
});
afterAll(() => subgraph?.close());

const codeOf = async (response: Response): Promise<unknown> =>
  ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code;

const signedForGraphql = (now = Date.now()) => signCaller(TEST_SIGNING_KEY, routeOf('POST', subgraph.url), null, now);

const post = (body: string, headers: Record<string, string> = signedForGraphql()) =>
  fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('a subgraph built with the server kit', () => {
  it('answers a signed request and reports its database ready', async () => {
    expect(await subgraph.request('{ kitcheckStatus { service ready } }')).toEqual({
      data: { kitcheckStatus: { service: 'kitcheck', ready: true } },
    });
    const ready = await fetch(new URL('/health/ready', subgraph.url));
    expect(ready.status).toBe(200);
  });

  it('refuses an unsigned request with UNAUTHENTICATED', async () => {
    const response = await post('{"query":"{ kitcheckStatus { ready } }"}', {});
    expect(response.status).toBe(401);
    expect(await codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a stale signature with UNAUTHENTICATED', async () => {
    const response = await post('{"query":"{ kitcheckStatus { ready } }"}', signedForGraphql(Date.now() - 120_000));
    expect(response.status).toBe(401);
  });

  it('refuses a fresh signature made for another route (a webhook forward, a graphql-ws upgrade)', async () => {
    const forWebhook = signCaller(TEST_SIGNING_KEY, routeOf('POST', new URL('/internal/webhooks/orders%2Fnew', subgraph.url)), null);
    const forSocket = signCaller(TEST_SIGNING_KEY, routeOf('GET', subgraph.url), null);
    for (const headers of [forWebhook, forSocket]) {
      const response = await post('{"query":"{ kitcheckStatus { ready } }"}', headers);
      expect(response.status).toBe(401);
      expect(await codeOf(response)).toBe('UNAUTHENTICATED');
    }
    expect((await post('{"query":"{ kitcheckStatus { ready } }"}')).status).toBe(200);
  });

  it('answers malformed JSON with VALIDATION_FAILED and keeps serving', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('VALIDATION_FAILED');
    expect((await subgraph.request('{ kitcheckStatus { ready } }')).data).toBeTruthy();
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ query: `{ kitcheckStatus { ready } } #${'x'.repeat(4_000)}` }));
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a query deeper than the limit with VALIDATION_FAILED', async () => {
    const deep = '{ _service { sdl } kitcheckStatus { ready } }';
    expect((await subgraph.request(deep)).errors).toBeUndefined();
    const tooDeep = '{ a: kitcheckStatus { ... on ServiceStatus { ... on ServiceStatus { ready } } } __schema { types { fields { type { name } } } } }';
    const result = await subgraph.request(tooDeep);
    expect(result.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('runs kept documents compiled once they keep coming back, unless GRAPHQL_COMPILE is false', async () => {
    const before = subgraph.subgraph.executor.compilations;
    // Ten interpreted runs (the default compileAfterRuns), then compiled.
    for (let run = 1; run <= 11; run++) expect((await subgraph.request('{ kitcheckStatus { service } }')).data).toEqual({ kitcheckStatus: { service: 'kitcheck' } });
    expect(subgraph.subgraph.executor.compilations).toBe(before + 1);
    const interpreted = await startTestSubgraph(definition(), { config: { GRAPHQL_COMPILE: false } });
    try {
      for (let run = 1; run <= 11; run++) expect((await interpreted.request('{ kitcheckStatus { service } }')).data).toEqual({ kitcheckStatus: { service: 'kitcheck' } });
      expect(interpreted.subgraph.executor.compilations).toBe(0);
    } finally {
      await interpreted.close();
    }
  });

  it('echoes the forwarded request id', async () => {
    const response = await post('{"query":"{ kitcheckStatus { ready } }"}', {
      ...signedForGraphql(),
      [InternalHeader.requestId]: 'req-abcdef123456',
    });
    expect(response.headers.get(InternalHeader.requestId)).toBe('req-abcdef123456');
  });
});
