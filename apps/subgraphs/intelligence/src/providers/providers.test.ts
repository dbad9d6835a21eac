import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeProviderServer } from '../test-support/fake-provider-server';
import { adapters, attemptSignal, embedTexts, ProviderCallError, type AiProviderKind } from './index';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await new FakeProviderServer().start();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const kinds: AiProviderKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI'];
const endpoint = { baseUrl: '', apiKey: 'sk-test-key' };

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
    const vectors = await embedTexts({ baseUrl: fake.url('emb'), apiKey: '' }, 'embed-1', ['a b', 'c'], attemptSignal(1_000));
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(32);
  });
});

describe('connection failures', () => {
  it('reports a refused connection as NETWORK_ERROR', async () => {
    const error = await failure(adapters.OPENAI_COMPATIBLE.complete({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: '' }, { model: 'm', prompt: 'x', stream: false }, attemptSignal(1_000)));
    expect(error.outcome).toBe('NETWORK_ERROR');
  });
});
