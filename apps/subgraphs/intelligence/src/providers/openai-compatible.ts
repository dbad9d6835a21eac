import type { OutboundResponse } from '@omnitron/nodes';
import { joinUrl, AiProviderKind, type CompletionRequest, type CompletionResult, type ProviderAdapter, type ProviderEndpoint } from './provider-adapter';
import { postJson, readJson } from './http-call';
import { malformed, refused } from './provider-call-error';
import { eventJson, readServerSentEvents } from './sse';
import { asArray, asCount, asObject, asString, type Wire } from './wire-values';

/**
 * OpenAI chat completions (`POST {baseUrl}/chat/completions`), spoken by OpenAI, Groq,
 * OpenRouter, Together, Ollama, vLLM and LM Studio. `baseUrl` includes the version (`.../v1`).
 */
export const openAiCompatibleAdapter: ProviderAdapter = {
  kind: AiProviderKind.OPENAI_COMPATIBLE,
  async complete(endpoint, request, signal) {
    const response = await postJson(endpoint, joinUrl(endpoint.baseUrl, 'chat/completions'), headersOf(endpoint), bodyOf(request), signal);
    // Some proxies ignore `stream` and answer one JSON body: read what was sent, not what was asked.
    const streamed = request.stream && isEventStream(response);
    return streamed ? aggregateStream(response, request, signal) : resultOf(await readJson(response, signal), request);
  },
};

function isEventStream(response: OutboundResponse): boolean {
  const type = response.headers['content-type'];
  const value = Array.isArray(type) ? type.join(';') : (type ?? '');
  // Without a content type, trust that the stream asked for came back.
  return value === '' || /text\/event-stream/i.test(value);
}

function headersOf(endpoint: ProviderEndpoint): Record<string, string> {
  // Local servers (Ollama, vLLM) often need no key at all.
  return endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {};
}

function bodyOf(request: CompletionRequest): Wire {
  return {
    model: request.model,
    messages: [{ role: 'user', content: request.prompt }],
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function usageOf(body: Wire): CompletionResult['usage'] {
  const usage = asObject(body.usage);
  return { inputTokens: asCount(usage?.prompt_tokens), outputTokens: asCount(usage?.completion_tokens) };
}

function checkRefusal(finishReason: unknown, refusal: unknown): void {
  if (asString(refusal)) throw refused('model');
  if (finishReason === 'content_filter') throw refused('content_filter');
}

export function resultOf(value: unknown, request: CompletionRequest): CompletionResult {
  const body = asObject(value);
  const choice = asObject(asArray(body?.choices)[0]);
  const message = asObject(choice?.message);
  if (!body || !choice || !message) throw malformed('NO_CHOICE');
  checkRefusal(choice.finish_reason, message.refusal);
  const text = asString(message.content);
  if (text === undefined) throw malformed('NO_CONTENT');
  return { text, model: asString(body.model) ?? request.model, usage: usageOf(body) };
}

async function aggregateStream(response: OutboundResponse, request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult> {
  let text = '';
  let model = request.model;
  let usage: CompletionResult['usage'] = { inputTokens: 0, outputTokens: 0 };
  let sawChoice = false;
  let done = false;
  for await (const event of readServerSentEvents(response, signal)) {
    if (event.data.trim() === '[DONE]') {
      done = true;
      break;
    }
    const chunk = eventJson(event);
    if (asObject(chunk.error)) throw malformed('STREAM_ERROR');
    model = asString(chunk.model) ?? model;
    if (asObject(chunk.usage)) usage = usageOf(chunk);
    const choice = asObject(asArray(chunk.choices)[0]);
    if (!choice) continue;
    sawChoice = true;
    const delta = asObject(choice.delta);
    checkRefusal(choice.finish_reason, delta?.refusal);
    text += asString(delta?.content) ?? '';
  }
  if (!sawChoice || !done) throw malformed(sawChoice ? 'STREAM_CUT' : 'NO_CHOICE');
  return { text, model, usage };
}
