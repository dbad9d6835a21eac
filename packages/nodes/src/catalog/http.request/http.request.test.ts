import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import { MASKED, SecretMask } from '../../credentials/secret-mask';
import type { CredentialsService } from '../../credentials/credentials-service';
import type { ConnectTarget, HttpPolicy } from '../../types';

/** An HTTP_HEADER credential "partner" (x-api-key: k-secret) whose values join `mask`, as the worker's service does. */
function headerCredentials(mask: SecretMask): CredentialsService {
  const fields = { header: 'x-api-key', value: 'k-secret' };
  return {
    resolve: async () => {
      mask.add(fields.value);
      return { id: 'c-1', name: 'partner', type: 'HTTP_HEADER', fields, version: '1' };
    },
    conceal: (values) => mask.add(...values),
    tokens: { token: async () => 'unused' },
  };
}

let server: Server;
let base: string;
let port: number;
const hits: string[] = [];

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  hits.push(url.pathname);
  if (url.pathname === '/json') {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null, body: body || null }));
  } else if (url.pathname === '/text') res.end('plain');
  else if (url.pathname === '/redirect') res.writeHead(302, { location: '/json' }).end();
  else if (url.pathname === '/loop') res.writeHead(302, { location: '/loop' }).end();
  else if (url.pathname === '/to-private') res.writeHead(302, { location: 'http://10.0.0.1/secret' }).end();
  else if (url.pathname === '/to-metadata') res.writeHead(307, { location: 'http://[::ffff:169.254.169.254]/' }).end();
  else if (url.pathname === '/to-other-origin') res.writeHead(307, { location: `http://app.test:${port}/echo-headers` }).end();
  else if (url.pathname === '/echo-headers') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ apiKey: req.headers['x-api-key'] ?? null, trace: req.headers['x-trace'] ?? null }));
  } else if (url.pathname === '/echo-query') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ query: url.search.slice(1) }));
  } else if (url.pathname === '/huge') res.end('x'.repeat(64 * 1024));
  else if (url.pathname === '/slow') setTimeout(() => res.end('late'), 2_000).unref();
  else if (url.pathname === '/fail') res.writeHead(503).end('down');
  else res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => route(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Only loopback may ever be dialled from these tests. */
const connects: ConnectTarget[] = [];
const local: HttpPolicy = {
  allowList: ['127.0.0.1', 'app.test'],
  lookup: async () => [{ address: '127.0.0.1', family: 4 }],
  beforeConnect(target) {
    connects.push(target);
    if (target.address !== '127.0.0.1') throw new Error(`test refused a connection to ${target.address}`);
  },
};

function request(data: Record<string, unknown>) {
  return flowOf([trigger(), node('call', 'http.request', data)], [edge('start', 'call')]);
}

describe('http.request', () => {
  it('renders url, headers and body templates and parses a JSON response', async () => {
    const flow = request({
      method: 'POST',
      url: `${base}/{{ $input.path }}`,
      headers: { authorization: 'Bearer {{ $input.token }}' },
      body: { name: '{{ $input.name }}', tags: '{{ $input.tags }}' },
    });
    const result = await runFlow(flow, { path: 'json', token: 't0k', name: 'ada', tags: ['a'] }, { http: local });
    expect(result.output).toMatchObject({
      status: 200,
      body: { method: 'POST', auth: 'Bearer t0k', body: JSON.stringify({ name: 'ada', tags: ['a'] }) },
    });
  });

  it('adds query parameters rendered from templates to the URL, replacing one of the same name', async () => {
    const flow = request({ url: `${base}/echo-query?page=1&keep=yes`, query: { page: '{{ $input.page }}', q: 'a b&c' } });
    const result = await runFlow(flow, { page: 3 }, { http: local });
    expect(result.output).toMatchObject({ status: 200, body: { query: 'page=3&keep=yes&q=a+b%26c' } });
  });

  it('returns text bodies as strings', async () => {
    const result = await runFlow(request({ url: `${base}/text` }), {}, { http: local });
    expect(result.output).toMatchObject({ status: 200, body: 'plain' });
  });

  it('pins the connection to the address it vetted', async () => {
    connects.length = 0;
    const result = await runFlow(request({ url: `http://app.test:${port}/text` }), {}, { http: local });
    expect(result.status).toBe('SUCCEEDED');
    expect(connects).toEqual([{ hostname: 'app.test', address: '127.0.0.1', port }]);
  });

  it('follows redirects within the policy', async () => {
    const result = await runFlow(request({ url: `${base}/redirect` }), {}, { http: local });
    expect(result.output).toMatchObject({ status: 200, body: { method: 'GET' } });
  });

  it('refuses a redirect to a private address without connecting to it', async () => {
    connects.length = 0;
    for (const path of ['/to-private', '/to-metadata']) {
      const result = await runFlow(request({ url: `${base}${path}` }), {}, { http: local });
      expect(result.error).toMatchObject({ code: 'HTTP_BLOCKED', nodeId: 'call' });
    }
    expect(connects.every((target) => target.address === '127.0.0.1')).toBe(true);
  });

  it("drops the credential's headers when a redirect leaves the origin", async () => {
    const flow = request({ url: `${base}/to-other-origin`, credential: 'partner', headers: { 'x-trace': 't-1' } });
    const credentials = headerCredentials(new SecretMask());
    const result = await runFlow(flow, {}, { http: local, services: { credentials } });
    expect(result.output).toMatchObject({ status: 200, body: { apiKey: null, trace: 't-1' } });
    const sameOrigin = await runFlow(request({ url: `http://app.test:${port}/echo-headers`, credential: 'partner' }), {}, { http: local, services: { credentials } });
    expect(sameOrigin.output).toMatchObject({ body: { apiKey: 'k-secret' } });
  });

  it('masks what the credential added in every event, record and result that leaves the engine', async () => {
    const mask = new SecretMask();
    const events: unknown[] = [];
    const settled: unknown[] = [];
    const flow = request({ url: `http://app.test:${port}/echo-headers`, credential: 'partner' });
    const result = await runFlow(flow, {}, {
      http: local,
      services: { credentials: headerCredentials(mask) },
      mask,
      onEvent: (event) => events.push(event),
      onSettle: async (record) => void settled.push(record),
    });
    expect(result.output).toMatchObject({ body: { apiKey: MASKED } });
    const stored = JSON.stringify([events, settled, result]);
    expect(stored).not.toContain('k-secret');
    expect(stored).toContain(MASKED);
  });

  it('fails clearly without a credentials service', async () => {
    const result = await runFlow(request({ url: `${base}/json`, credential: 'partner' }), {}, { http: local });
    expect(result.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', nodeId: 'call' });
  });

  it('stops after maxRedirects', async () => {
    const result = await runFlow(request({ url: `${base}/loop` }), {}, { http: { ...local, maxRedirects: 3 } });
    expect(result.error?.code).toBe('TOO_MANY_REDIRECTS');
  });

  it('aborts a response larger than maxResponseBytes', async () => {
    const result = await runFlow(request({ url: `${base}/huge` }), {}, { http: { ...local, maxResponseBytes: 1024 } });
    expect(result.error?.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('times out a slow server', async () => {
    const result = await runFlow(request({ url: `${base}/slow`, timeoutMs: 50 }), {}, { http: local });
    expect(result.error?.code).toBe('TIMEOUT');
  });

  it('fails on an error status unless told not to', async () => {
    const failed = await runFlow(request({ url: `${base}/fail` }), {}, { http: local });
    expect(failed.error?.code).toBe('HTTP_STATUS');
    const tolerated = await runFlow(request({ url: `${base}/fail`, failOnHttpError: false }), {}, { http: local });
    expect(tolerated.output).toMatchObject({ status: 503, body: 'down' });
  });

  it('refuses loopback when no policy allows it', async () => {
    hits.length = 0;
    const result = await runFlow(request({ url: `${base}/json` }), {});
    expect(result.error).toMatchObject({ code: 'HTTP_BLOCKED', nodeId: 'call' });
    expect(hits).toEqual([]);
  });

  it('checks url templates at save time', async () => {
    const result = await runFlow(request({ url: 'http://x/{{ $input.( }}' }), {});
    expect(result.error?.code).toBe('VALIDATION_FAILED');
    expect(result.error?.message).toContain('does not parse');
  });
});
