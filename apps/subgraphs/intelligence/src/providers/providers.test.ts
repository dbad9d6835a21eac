import { OutboundClient } from '@omnitron/nodes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../test-support/counting-server';
import { FakeProviderServer } from '../test-support/fake-provider-server';
import { adapters, attemptSignal, embedTexts, ProviderCallError, type AiProviderKind } from './index';

let fake: FakeProviderServer;
// The fake providers listen on loopback, which the operator allow list must name.
const outbound = new OutboundClient({ allowList: ['127.0.0.1'] });
const unlisted = new OutboundClient({});
beforeAll(async () => {
  fake = await new FakeProviderServer().start();
});
afterAll(async () => {
  await Promise.all([fake.close(), outbound.close(), unlisted.close()]);
});
beforeEach(() => fake.reset());

const kinds: AiProviderKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI'];
const endpoint = { baseUrl: '', apiKey: 'sk-test-key', outbound };

async function call(kind: AiProviderKind, stream: boolean, timeoutMs = 2_000) {
  return adapters[kind].complete({ ...endpoint, baseUrl: fake.url(kind) }, { model: 'm-1', prompt: 'hello there', maxTokens: 20, temperature: 0.2, stream }, attemptSignal(timeoutMs));
}

async function failure(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe.each(kinds)('%s adapter', (kind) => {
  it.each([false, true])('answers text and token usage (stream: %s)', async (stream) => {
    fake.next(kind, { kind: 'ok', text: 'Hello world!', usage: [11, 4] });
    const result = await call(kind, stream);
    expect(result).toMatchObject({ text: 'Hello world!', usage: { inputTokens: 11, outputTokens: 4 } });
  });

  it('sends the key in the header the provider expects, never in the body', async () => {
    await call(kind, false);
    const [request] = fake.requests(kind);
    const header = { OPENAI_COMPATIBLE: 'authorization', ANTHROPIC: 'x-api-key', GEMINI: 'x-goog-api-key' }[kind];
    expect(String(request!.headers[header])).toContain('sk-test-key');
    expect(JSON.stringify(request!.body)).not.toContain('sk-test-key');
  });

  it('classifies a 429 with retry-after as RATE_LIMITED and reads the wait', async () => {
    fake.next(kind, { kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    expect(await failure(call(kind, false))).toMatchObject({ outcome: 'RATE_LIMITED', errorCode: 'HTTP_429', retryAfterMs: 7_000 });
  });

  it('classifies 5xx as SERVER_ERROR and 401 as CLIENT_ERROR', async () => {
    fake.next(kind, { kind: 'status', status: 503 }, { kind: 'status', status: 401 });
    expect(await failure(call(kind, false))).toMatchObject({ outcome: 'SERVER_ERROR', errorCode: 'HTTP_503' });
    expect(await failure(call(kind, false))).toMatchObject({ outcome: 'CLIENT_ERROR', errorCode: 'HTTP_401' });
  });

  it.each([false, true])('reports a malformed body as MALFORMED_RESPONSE (stream: %s)', async (stream) => {
    fake.next(kind, { kind: 'malformed' });
    expect(await failure(call(kind, stream))).toMatchObject({ outcome: 'MALFORMED_RESPONSE' });
  });

  it('reports a stream cut before its end as MALFORMED_RESPONSE', async () => {
    fake.next(kind, { kind: 'cut' });
    expect(await failure(call(kind, true))).toMatchObject({ outcome: 'MALFORMED_RESPONSE', errorCode: 'STREAM_CUT' });
  });

  it.each([false, true])('reports a refusal as REFUSED (stream: %s)', async (stream) => {
    fake.next(kind, { kind: 'refuse' });
    expect(await failure(call(kind, stream))).toMatchObject({ outcome: 'REFUSED' });
  });

  it('times out a provider that never answers', async () => {
    fake.next(kind, { kind: 'hang' });
    expect(await failure(call(kind, false, 100))).toMatchObject({ outcome: 'TIMEOUT' });
  });
});

describe('OpenAI-compatible embeddings', () => {
  it('answers one vector per input, in order', async () => {
    const vectors = await embedTexts({ baseUrl: fake.url('emb'), apiKey: '', outbound }, 'embed-1', ['a b', 'c'], attemptSignal(1_000));
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(32);
  });
});

describe('connection failures', () => {
  it('reports a refused connection as NETWORK_ERROR', async () => {
    const error = await failure(adapters.OPENAI_COMPATIBLE.complete({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: '', outbound }, { model: 'm', prompt: 'x', stream: false }, attemptSignal(1_000)));
    expect(error.outcome).toBe('NETWORK_ERROR');
  });
});

describe('address policy', () => {
  let counting: CountingServer;
  beforeAll(async () => {
    counting = await startCountingServer();
  });
  afterAll(() => counting.close());

  it.each(kinds.flatMap((kind) => [false, true].map((stream) => [kind, stream] as const)))(
    'refuses a %s provider on loopback without an allow-list entry, before connecting (stream: %s)',
    async (kind, stream) => {
      const call = adapters[kind].complete({ baseUrl: counting.url(), apiKey: 'sk-test-key', outbound: unlisted }, { model: 'm', prompt: 'x', stream }, attemptSignal(2_000));
      expect(await failure(call)).toMatchObject({ outcome: 'BLOCKED', errorCode: 'ADDRESS_BLOCKED' });
      expect(counting.connections).toBe(0);
    },
  );

  it('refuses embeddings on loopback without an allow-list entry, before connecting', async () => {
    const call = embedTexts({ baseUrl: counting.url(), apiKey: '', outbound: unlisted }, 'embed-1', ['a'], attemptSignal(2_000));
    expect(await failure(call)).toMatchObject({ outcome: 'BLOCKED', errorCode: 'ADDRESS_BLOCKED' });
    expect(counting.connections).toBe(0);
  });

  it('keeps the key headers from a redirect to another origin', async () => {
    const redirector = await startCountingServer('127.0.0.2', (_req, res) => res.writeHead(307, { location: `${fake.url('ANTHROPIC')}/messages` }).end());
    const both = new OutboundClient({ allowList: ['127.0.0.1', '127.0.0.2'] });
    try {
      await adapters.ANTHROPIC.complete({ baseUrl: redirector.url(), apiKey: 'sk-test-key', outbound: both }, { model: 'm', prompt: 'x', stream: false }, attemptSignal(2_000));
      const [request] = fake.requests('ANTHROPIC');
      expect(request!.headers['x-api-key']).toBeUndefined();
      expect(redirector.requests).toBe(1);
    } finally {
      await both.close();
      await redirector.close();
    }
  });
});

describe('OPENAI_COMPATIBLE behind a proxy that ignores stream', () => {
  it('reads the one JSON body answered to a streaming request as the answer, not NO_CHOICE', async () => {
    fake.next('OPENAI_COMPATIBLE', { kind: 'ignoreStream', text: 'Whole answer' });
    const result = await call('OPENAI_COMPATIBLE', true);
    expect(result).toMatchObject({ text: 'Whole answer', usage: { inputTokens: 7, outputTokens: 3 } });
    expect(fake.requests('OPENAI_COMPATIBLE')[0]!.body).toMatchObject({ stream: true });
  });
});
