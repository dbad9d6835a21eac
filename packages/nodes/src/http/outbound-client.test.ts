import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { OutboundClient, type OutboundRequest } from './outbound-client';

/** A loopback server that records what reaches it: TCP connections and requests. */
interface RecordingServer {
  readonly port: number;
  readonly connections: number;
  readonly requests: { url: string; method: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

async function recordingServer(host: string, handle: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<RecordingServer> {
  const requests: RecordingServer['requests'] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      handle(req, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const clients: OutboundClient[] = [];
function client(policy: HttpPolicy): OutboundClient {
  const made = new OutboundClient(policy);
  clients.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

const get = (url: string, extra: Partial<OutboundRequest> = {}): OutboundRequest => ({ method: 'GET', url, headers: {}, ...extra });
const signal = () => AbortSignal.timeout(10_000);

let target: RecordingServer;
let redirector: RecordingServer;
let redirectTo = '';

beforeAll(async () => {
  target = await recordingServer('127.0.0.1', (_req, res) => res.end('reached'));
  // 127.0.0.2 is loopback too, but a different address: allow-listing one does not allow the other.
  redirector = await recordingServer('127.0.0.2', (req, res) => {
    if (req.url === '/plain') res.end('redirector');
    else res.writeHead(307, { location: redirectTo }).end();
  });
});
afterAll(async () => {
  await target.close();
  await redirector.close();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((made) => made.close()));
  target.requests.length = 0;
  redirector.requests.length = 0;
});

describe('outbound client', () => {
  it('refuses a loopback provider without opening a connection to it', async () => {
    const before = target.connections;
    const error = await failure(client({}).request(get(`http://127.0.0.1:${target.port}/`), signal()));
    expect(error.code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(target.connections).toBe(before);
    expect(target.requests).toEqual([]);
  });

  it('reaches an allow-listed address', async () => {
    const response = await client({ allowList: ['127.0.0.1'] }).request(get(`http://127.0.0.1:${target.port}/x`), signal());
    expect(await response.body.text()).toBe('reached');
  });

  it('vets every redirect hop: an allowed host cannot bounce the request to a refused one', async () => {
    redirectTo = `http://127.0.0.1:${target.port}/internal`;
    const before = target.connections;
    const error = await failure(client({ allowList: ['127.0.0.2'] }).request(get(`http://127.0.0.2:${redirector.port}/`), signal()));
    expect(error.code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(redirector.requests).toHaveLength(1);
    expect(target.connections).toBe(before);
  });

  it('vets a redirect to a name by its resolved address', async () => {
    redirectTo = `http://metadata.example:${target.port}/`;
    const lookup: HttpPolicy['lookup'] = async (hostname) => (hostname === 'metadata.example' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const error = await failure(client({ allowList: ['127.0.0.2'], lookup }).request(get(`http://127.0.0.2:${redirector.port}/`), signal()));
    expect(error.code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(target.requests).toEqual([]);
  });

  it('refuses a redirect to another scheme', async () => {
    redirectTo = 'file:///etc/passwd';
    const error = await failure(client({ allowList: ['127.0.0.2'] }).request(get(`http://127.0.0.2:${redirector.port}/`), signal()));
    expect(error.code).toBe(ErrorCode.HTTP_BLOCKED);
  });

  it('stops after the hop limit', async () => {
    redirectTo = `http://127.0.0.2:${redirector.port}/again`;
    const error = await failure(client({ allowList: ['127.0.0.2'], maxRedirects: 2 }).request(get(`http://127.0.0.2:${redirector.port}/`), signal()));
    expect(error.code).toBe(ErrorCode.TOO_MANY_REDIRECTS);
    expect(redirector.requests).toHaveLength(3);
  });

  it('drops credential headers when a redirect leaves the origin, and keeps a 307 a POST with its body', async () => {
    redirectTo = `http://127.0.0.1:${target.port}/next`;
    const request: OutboundRequest = {
      method: 'POST', url: `http://127.0.0.2:${redirector.port}/`, body: '{"a":1}', credentialHeaders: ['X-Api-Key'],
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret', 'x-api-key': 's3cret', 'x-trace': 'kept' },
    };
    const response = await client({ allowList: ['127.0.0.1', '127.0.0.2'] }).request(request, signal());
    await response.body.dump();
    expect(redirector.requests[0]!.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-api-key': 's3cret' });
    const [arrived] = target.requests;
    expect(arrived).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'x-trace': 'kept' } });
    expect(arrived!.headers.authorization).toBeUndefined();
    expect(arrived!.headers['x-api-key']).toBeUndefined();
    expect(response.url).toBe(`http://127.0.0.1:${target.port}/next`);
  });

  it('resolves a name once and connects to that answer, whatever DNS says afterwards', async () => {
    // Same port on 127.0.0.1: where a second resolution of the name would lead.
    const rebound = await recordingServer('127.0.0.1', (_req, res) => res.end('rebound'), redirector.port).catch(() => undefined);
    const answers = ['127.0.0.2', '127.0.0.1'];
    const lookups: string[] = [];
    const lookup: HttpPolicy['lookup'] = async () => {
      const address = answers[Math.min(lookups.length, answers.length - 1)]!;
      lookups.push(address);
      return [{ address, family: 4 }];
    };
    try {
      const response = await client({ allowList: ['127.0.0.2'], lookup }).request(get(`http://rebinding.example:${redirector.port}/plain`), signal());
      expect(await response.body.text()).toBe('redirector');
      expect(lookups).toEqual(['127.0.0.2']);
      expect(rebound?.requests ?? []).toEqual([]);
    } finally {
      await rebound?.close();
    }
  });
});
