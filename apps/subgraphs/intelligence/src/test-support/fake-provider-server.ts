import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake provider does with its next request. */
export type FakeBehaviour =
  | { readonly kind: 'ok'; readonly text?: string; readonly delayMs?: number; readonly usage?: readonly [number, number] }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'refuse' }
  /** Streams start, then the connection ends without the terminal event. */
  | { readonly kind: 'cut' }
  /** Answers one whole JSON body even to a streaming request, like proxies that ignore `stream`. */
  | { readonly kind: 'ignoreStream'; readonly text?: string };

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

type Wire = 'openai' | 'anthropic' | 'gemini' | 'embeddings';

/**
 * One local HTTP server speaking the OpenAI chat-completions, Anthropic Messages, Gemini
 * generateContent and OpenAI embeddings wire formats (JSON and SSE), with scripted failures.
 * Each named fake provider lives under `/p/<name>/`.
 */
export class FakeProviderServer {
  private readonly server: Server;
  private port = 0;
  private readonly queues = new Map<string, FakeBehaviour[]>();
  private readonly defaults = new Map<string, FakeBehaviour>();
  private readonly recorded = new Map<string, RecordedRequest[]>();
  private readonly hanging = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL to configure for provider `name` (includes a version segment like real APIs). */
  url(name: string): string {
    return `http://127.0.0.1:${this.port}/p/${name}/v1`;
  }

  /** Queues behaviours for the next requests; afterwards the default (`always`, else ok) applies. */
  next(name: string, ...behaviours: FakeBehaviour[]): void {
    this.queues.set(name, [...(this.queues.get(name) ?? []), ...behaviours]);
  }

  always(name: string, behaviour: FakeBehaviour): void {
    this.queues.delete(name);
    this.defaults.set(name, behaviour);
  }

  /** A snapshot of the requests provider `name` received so far. */
  requests(name: string): readonly RecordedRequest[] {
    return [...(this.recorded.get(name) ?? [])];
  }

  reset(): void {
    this.queues.clear();
    this.defaults.clear();
    this.recorded.clear();
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const path = req.url ?? '/';
    const name = /^\/p\/([^/]+)\//.exec(path)?.[1] ?? 'default';
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const recorded = this.recorded.get(name) ?? [];
    recorded.push({ path, headers: req.headers, body });
    this.recorded.set(name, recorded);
    const behaviour = this.queues.get(name)?.shift() ?? this.defaults.get(name) ?? { kind: 'ok' };
    const wire = wireOf(path);
    const stream = wire === 'gemini' ? path.includes('streamGenerateContent') : body.stream === true;
    await respond(res, behaviour, wire, stream, body, path, () => this.hanging.add(res));
  }
}

function wireOf(path: string): Wire {
  if (path.includes('/embeddings')) return 'embeddings';
  if (path.includes('/chat/completions')) return 'openai';
  if (path.includes('/messages')) return 'anthropic';
  return 'gemini';
}

async function respond(res: ServerResponse, behaviour: FakeBehaviour, wire: Wire, stream: boolean, body: Record<string, unknown>, path: string, onHang: () => void): Promise<void> {
  switch (behaviour.kind) {
    case 'hang':
      onHang();
      return;
    case 'status':
      res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
      res.end(behaviour.body ?? JSON.stringify({ error: { message: 'scripted failure' } }));
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
      res.end(stream ? 'data: {not json\n\n' : '{"choices": [');
      return;
    case 'ok':
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
  }
  if (wire === 'embeddings') {
    const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    sendJson(res, { data: inputs.map((text, index) => ({ index, embedding: bagOfWordsVector(text) })), model: body.model });
    return;
  }
  const text = behaviour.kind === 'ok' || behaviour.kind === 'ignoreStream' ? (behaviour.text ?? `echo: ${promptOf(wire, body)}`) : '';
  const [input, output] = behaviour.kind === 'ok' && behaviour.usage ? behaviour.usage : [7, 3];
  const model = wire === 'gemini' ? decodeURIComponent(/\/models\/([^:]+):/.exec(path)?.[1] ?? 'gemini') : String(body.model);
  const frames = framesOf(wire, behaviour.kind, text, model, input, output);
  if (!stream || behaviour.kind === 'ignoreStream') {
    sendJson(res, frames.whole);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const events = behaviour.kind === 'cut' ? frames.events.slice(0, 1) : frames.events;
  for (const event of events) res.write(event);
  res.end();
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function promptOf(wire: Wire, body: Record<string, unknown>): string {
  if (wire === 'gemini') return (body as { contents: Array<{ parts: Array<{ text: string }> }> }).contents[0]!.parts[0]!.text;
  return (body as { messages: Array<{ content: string }> }).messages[0]!.content;
}

const sse = (data: unknown, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** The whole answer and the same answer as SSE frames, in each provider's own shape. */
function framesOf(wire: Wire, kind: FakeBehaviour['kind'], text: string, model: string, input: number, output: number): { whole: unknown; events: string[] } {
  const refuse = kind === 'refuse';
  const half = Math.ceil(text.length / 2);
  const parts = [text.slice(0, half), text.slice(half)];
  if (wire === 'openai') {
    const finish = refuse ? 'content_filter' : 'stop';
    return {
      whole: { model, choices: [{ index: 0, message: { role: 'assistant', content: refuse ? null : text, refusal: refuse ? 'I cannot help with that' : null }, finish_reason: finish }], usage: { prompt_tokens: input, completion_tokens: output } },
      events: [
        ...parts.map((part) => sse({ model, choices: [{ index: 0, delta: { content: part }, finish_reason: null }] })),
        sse({ model, choices: [{ index: 0, delta: {}, finish_reason: finish }] }),
        sse({ model, choices: [], usage: { prompt_tokens: input, completion_tokens: output } }),
        'data: [DONE]\n\n',
      ],
    };
  }
  if (wire === 'anthropic') {
    const stop = refuse ? 'refusal' : 'end_turn';
    return {
      whole: { type: 'message', model, content: refuse ? [] : [{ type: 'text', text }], stop_reason: stop, usage: { input_tokens: input, output_tokens: output } },
      events: [
        sse({ type: 'message_start', message: { model, usage: { input_tokens: input, output_tokens: 1 } } }, 'message_start'),
        ...parts.map((part) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: part } }, 'content_block_delta')),
        sse({ type: 'message_delta', delta: { stop_reason: stop }, usage: { output_tokens: output } }, 'message_delta'),
        sse({ type: 'message_stop' }, 'message_stop'),
      ],
    };
  }
  const finishReason = refuse ? 'SAFETY' : 'STOP';
  const usageMetadata = { promptTokenCount: input, candidatesTokenCount: output };
  return {
    whole: { modelVersion: model, candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason }], usageMetadata },
    events: parts.map((part, i) => sse({ modelVersion: model, candidates: [{ content: { role: 'model', parts: [{ text: part }] }, ...(i === 1 ? { finishReason } : {}) }], usageMetadata })),
  };
}

/** A deterministic 32-dimension bag-of-words vector: texts sharing words point the same way. */
export function bagOfWordsVector(text: string): number[] {
  const vector = new Array<number>(32).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % 32]! += 1;
  }
  return vector;
}
