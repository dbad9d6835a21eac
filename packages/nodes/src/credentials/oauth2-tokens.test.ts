import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from './credential-types';
import { OAuth2Tokens } from './oauth2-tokens';

let server: Server;
let tokenUrl = '';
let issued = 0;

beforeAll(async () => {
  // A token endpoint issuing numbered tokens valid for 120 s to client-1 / s3cret only.
  server = createServer((req, res) => {
    const ok = req.headers.authorization === `Basic ${Buffer.from('client-1:s3cret').toString('base64')}`;
    if (!ok) return void res.writeHead(401).end('{}');
    issued++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `token-${issued}`, expires_in: 120 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});
afterAll(() => server?.close());

const credential = (version: string, clientSecret = 's3cret'): ResolvedCredential => ({
  id: 'cred-1',
  name: 'partner oauth',
  type: 'OAUTH2_CLIENT_CREDENTIALS',
  fields: { tokenUrl, clientId: 'client-1', clientSecret },
  version,
});

describe('OAuth2Tokens', () => {
  it('reuses a token until shortly before it expires, shares one request between concurrent callers, and fetches anew for a rotated secret', async () => {
    let now = 1_000_000;
    const tokens = new OAuth2Tokens({ allowList: ['127.0.0.1'] }, () => now);
    const signal = AbortSignal.timeout(10_000);
    const before = issued;
    const [a, b] = await Promise.all([tokens.token(credential('v1'), signal), tokens.token(credential('v1'), signal)]);
    expect(a).toBe(b);
    expect(issued - before).toBe(1);
    now += 60_000;
    expect(await tokens.token(credential('v1'), signal)).toBe(a);
    // 120 s lifetime, renewed 30 s early: at 95 s a new one is fetched.
    now += 35_000;
    const renewed = await tokens.token(credential('v1'), signal);
    expect(renewed).not.toBe(a);
    expect(issued - before).toBe(2);
    const rotated = await tokens.token(credential('v2'), signal);
    expect(rotated).not.toBe(renewed);
    expect(issued - before).toBe(3);
    await tokens.close();
  });

  it('fails with CREDENTIAL_REJECTED when the endpoint refuses the client, and refuses loopback without the allow-list', async () => {
    const tokens = new OAuth2Tokens({ allowList: ['127.0.0.1'] });
    await expect(tokens.token(credential('x', 'wrong'), AbortSignal.timeout(10_000))).rejects.toMatchObject({ code: 'CREDENTIAL_REJECTED' });
    await tokens.close();
    const unlisted = new OAuth2Tokens({});
    await expect(unlisted.token(credential('y'), AbortSignal.timeout(10_000))).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
    await unlisted.close();
  });
});
