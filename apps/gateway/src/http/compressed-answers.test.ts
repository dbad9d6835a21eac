import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGateway } from '../config';
import { createGateway, type GatewayServer } from '../server';

// The gateway alone (subgraphs down): introspection is answered from the supergraph, large enough
// to cross the compression threshold; `__typename` is not.
const dead = 'http://127.0.0.1:9/graphql';
let gateway: GatewayServer;
let port = 0;

beforeAll(async () => {
  gateway = await createGateway(
    bootGateway({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gw-')),
      LOG_LEVEL: 'silent',
      IDENTITY_URL: dead,
      FLOWS_URL: dead,
      EXECUTIONS_URL: dead,
      INTELLIGENCE_URL: dead,
      STUDIO_DIR: mkdtempSync(join(tmpdir(), 'omt-studio-')),
    }),
  );
  port = await gateway.listen(0);
});
afterAll(() => gateway?.close());

function post(query: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

const INTROSPECTION = '{ __schema { types { name kind fields { name } } } }';

describe('GraphQL answers through the gateway', () => {
  it('are brotli-compressed over COMPRESS_MIN_BYTES for a client that accepts br, on every path a query takes', async () => {
    const plain = await post(INTROSPECTION);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const text = plain.raw.toString();
    expect(JSON.parse(text).data.__schema.types.length).toBeGreaterThan(10);
    // The same text again runs on the gateway's prepared path once it is kept: both compress.
    for (let i = 0; i < 3; i++) {
      const compressed = await post(INTROSPECTION, 'gzip, deflate, br');
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(compressed.raw).toString()).toBe(text);
      expect(compressed.raw.length).toBeLessThan(text.length / 4);
    }
  });

  it('are gzip-compressed for a client that accepts only gzip', async () => {
    const compressed = await post(INTROSPECTION, 'gzip');
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(compressed.raw).toString()).data.__schema.types.length).toBeGreaterThan(10);
  });

  it('go out as they are under the threshold', async () => {
    const small = await post('{ __typename }', 'br, gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.raw.toString())).toEqual({ data: { __typename: 'Query' } });
  });
});
