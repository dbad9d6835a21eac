import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityProcess, testPostgresUrl, throwawayDatabase } from '@omnitron/server-kit/testing';
import type { Caller } from '@omnitron/server-kit';
import { chain, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';

const TOKEN = 'bearer-7d41c0e9a2f6-secret';
const CLIENT_SECRET = 'client-secret-5be0917c';
const ISSUED = 'oauth-issued-token-8c21f3';
const DB_PASSWORD = 'db-password-3f9a22';

/** A local API that answers 200 only with the expected Authorization, echoing the header it got. */
class LocalApi {
  tokenRequests = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url === '/token') {
        this.tokenRequests++;
        const basic = `Basic ${Buffer.from(`client-1:${CLIENT_SECRET}`).toString('base64')}`;
        if (req.headers.authorization !== basic) return void res.writeHead(401).end();
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: ISSUED, token_type: 'bearer', expires_in: 3600 }));
      }
      const expected = req.url === '/oauth' ? `Bearer ${ISSUED}` : `Bearer ${TOKEN}`;
      const ok = req.headers.authorization === expected;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, sawAuthorization: req.headers.authorization ?? null }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server?.close();
  }
}

/** Every row of every table of the databases the subgraph made from `databaseUrl` (it adds a suffix), as text. */
async function everyStoredRow(databaseUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${new URL(databaseUrl).pathname.slice(1)}%`]);
  await admin.end();
  expect(rows.length).toBeGreaterThan(0);
  const dumps = await Promise.all(rows.map(({ datname }) => rowsOf(Object.assign(new URL(databaseUrl), { pathname: `/${datname}` }).toString())));
  return dumps.join('\n');
}

async function rowsOf(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
    const dumps: string[] = [];
    for (const { tablename } of tables) dumps.push(...(await client.query<{ row: string }>(`select t::text as row from "${tablename}" t`)).rows.map((r) => r.row));
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}

describe('credentials at run time (identity as the store, a real worker)', () => {
  const identity = new IdentityProcess();
  const api = new LocalApi();
  const target = throwawayDatabase('credtarget');
  let h: ExecutionsHarness;
  let alice: Caller;
  let mallory: Caller;

  beforeAll(async () => {
    await api.start();
    await identity.start({ HTTP_ALLOW_LIST: '127.0.0.1' });
    // The test servers listen on loopback: allow exactly that, as an operator would allow an internal host.
    h = await ExecutionsHarness.start({ IDENTITY_URL: identity.url, HTTP_ALLOW_PRIVATE_NETWORKS: 'false', HTTP_ALLOW_LIST: '127.0.0.1' });
    await h.startWorker();
    alice = await identity.register('alice');
    mallory = await identity.register('mallory');
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    await admin.query(`create database "${new URL(target.url).pathname.slice(1)}"`);
    await admin.end();
    const targetDb = new pg.Client({ connectionString: target.url });
    await targetDb.connect();
    await targetDb.query(`create table orders (id int, total numeric); insert into orders values (1, 9.5), (2, 20)`);
    await targetDb.end();
    await identity.createCredential(alice, { name: 'partner', type: 'BEARER', fields: { token: TOKEN } });
    await identity.createCredential(alice, { name: 'partner oauth', type: 'OAUTH2_CLIENT_CREDENTIALS', fields: { tokenUrl: `${api.url}/token`, clientId: 'client-1', clientSecret: CLIENT_SECRET } });
    const url = new URL(target.url);
    url.username = 'postgres';
    url.password = DB_PASSWORD;
    await identity.createCredential(alice, { name: 'reports', type: 'POSTGRES', fields: { url: url.toString() } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await identity.stop();
    api.close();
    await target.drop();
  }, 30_000);

  it('calls an API with a bearer credential, and the token is in no stored row, stream entry or answer', async () => {
    const flowId = 'c1000000-0000-4000-8000-000000000001';
    // Downstream nodes see the real answer in memory; a code node logs it: the stored log line is masked too.
    h.putFlow(alice, flowId, chain(
      node('call', 'http.request', { url: `${api.url}/bearer`, credential: 'partner' }),
      node('copy', 'transform', { expression: '$nodes.call.body' }),
      node('log', 'code', { code: 'console.log("got", input.sawAuthorization); return input;' }),
    ));
    const { id } = await h.start(alice, flowId);
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
    expect(nodeRunOf(done, 'call').output).toMatchObject({ status: 200, body: { ok: true, sawAuthorization: 'Bearer ••••••' } });
    expect(nodeRunOf(done, 'copy').output).toMatchObject({ sawAuthorization: 'Bearer ••••••' });
    expect(done.logs.map((line) => line.message)).toContainEqual(expect.stringContaining('got Bearer ••••••'));
    expect(JSON.stringify(done)).not.toContain(TOKEN);
    expect(await everyStoredRow(h.config.DATABASE_URL!)).not.toContain(TOKEN);
    const streams = await h.runtime.redis.keys(`${h.config.REDIS_PREFIX}:*`);
    for (const key of streams) {
      const type = await h.runtime.redis.type(key);
      const dump = type === 'stream' ? JSON.stringify(await h.runtime.redis.xrange(key, '-', '+')) : type === 'string' ? String(await h.runtime.redis.get(key)) : type === 'hash' ? JSON.stringify(await h.runtime.redis.hgetall(key)) : '';
      expect(dump, key).not.toContain(TOKEN);
    }
    expect(identity.output).not.toContain(TOKEN);
  }, 30_000);

  it('fetches an OAuth2 token from the token endpoint once and reuses it until it expires', async () => {
    const flowId = 'c1000000-0000-4000-8000-000000000002';
    h.putFlow(alice, flowId, chain(node('call', 'http.request', { url: `${api.url}/oauth`, credential: 'partner oauth' })));
    const before = api.tokenRequests;
    for (let run = 0; run < 3; run++) {
      const { id } = await h.start(alice, flowId);
      const done = await h.settled(alice, id);
      expect(nodeRunOf(done, 'call').output).toMatchObject({ status: 200, body: { ok: true } });
      expect(JSON.stringify(done)).not.toContain(ISSUED);
    }
    expect(api.tokenRequests - before).toBe(1);
    expect(await everyStoredRow(h.config.DATABASE_URL!)).not.toMatch(new RegExp(`${ISSUED}|${CLIENT_SECRET}`));
  }, 30_000);

  it('runs database.query on a PostgreSQL credential of the workspace', async () => {
    const flowId = 'c1000000-0000-4000-8000-000000000003';
    h.putFlow(alice, flowId, chain(node('q', 'database.query', { connection: 'reports', sql: 'select id, total::float as total from orders where total > $1 order by id', params: ['5'] })));
    const { id } = await h.start(alice, flowId);
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
    expect(nodeRunOf(done, 'q').output).toEqual({ rows: [{ id: 1, total: 9.5 }, { id: 2, total: 20 }], rowCount: 2 });
    expect(await everyStoredRow(h.config.DATABASE_URL!)).not.toContain(DB_PASSWORD);
  }, 30_000);

  it("fails another workspace's run that names the credential, and a credential of the wrong type, with a clear code and no secret", async () => {
    const stolen = 'c1000000-0000-4000-8000-000000000004';
    h.putFlow(mallory, stolen, chain(node('call', 'http.request', { url: `${api.url}/bearer`, credential: 'partner' })));
    const theirs = await h.settled(mallory, (await h.start(mallory, stolen)).id);
    expect(theirs).toMatchObject({ status: 'FAILED', error: { code: 'CREDENTIAL_NOT_FOUND', nodeId: 'call' } });
    expect(theirs.error!.message).toContain('No credential named "partner" in this workspace');

    const wrong = 'c1000000-0000-4000-8000-000000000005';
    h.putFlow(alice, wrong, chain(node('q', 'database.query', { connection: 'partner', sql: 'select 1' })));
    const mismatched = await h.settled(alice, (await h.start(alice, wrong)).id);
    expect(mismatched).toMatchObject({ status: 'FAILED', error: { code: 'CREDENTIAL_WRONG_TYPE', nodeId: 'q' } });
    expect(JSON.stringify(mismatched)).not.toContain(TOKEN);
  }, 30_000);
});
