import type { OutboundResponse } from '@omnitron/nodes';
import { joinUrl, AiProviderKind, type CompletionRequest, type CompletionResult, type ProviderAdapter } from './provider-adapter';
import { postJson, readJson } from './http-call';
import { AttemptOutcome, ProviderCallError, malformed, refused } from './provider-call-error';
import { eventJson, readServerSentEvents } from './sse';
import { asArray, asCount, asObject, asString, type Wire } from './wire-values';

const API_VERSION = '2023-06-01';
/** Anthropic requires `max_tokens`; used when the request leaves it open. */
const DEFAULT_MAX_TOKENS = 1024;

/** Anthropic Messages (`POST {baseUrl}/messages`); `baseUrl` includes the version (`.../v1`). */
export const anthropicAdapter: ProviderAdapter = {
  kind: AiProviderKind.ANTHROPIC,
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  async complete(endpoint, request, signal) {
    const headers = { 'x-api-key': endpoint.apiKey, 'anthropic-version': API_VERSION };
    const response = await postJson(endpoint, joinUrl(endpoint.baseUrl, 'messages'), headers, bodyOf(request), signal);
    return request.stream ? aggregateStream(response, request, signal) : resultOf(await readJson(response, signal), request);
  },
};

function bodyOf(request: CompletionRequest): Wire {
  return {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: [{ role: 'user', content: request.prompt }],
    ...(request.temperature === undefined ? {} : { temperature: Math.min(1, request.temperature) }),
    ...(request.stream ? { stream: true } : {}),
  };
}

function checkStop(stopReason: unknown): void {
  if (stopReason === 'refusal') throw refused('stop_reason');
}

export function resultOf(value: unknown, request: CompletionRequest): CompletionResult {
  const body = asObject(value);
  if (!body || body.type === 'error' || !Array.isArray(body.content)) throw malformed('NO_CONTENT');
  checkStop(body.stop_reason);
  const text = asArray(body.content)
    .map((block) => asObject(block))
    .filter((block) => block?.type === 'text')
    .map((block) => asString(block?.text) ?? '')
    .join('');
  const usage = asObject(body.usage);
  return {
    text,
    model: asString(body.model) ?? request.model,
    usage: { inputTokens: asCount(usage?.input_tokens), outputTokens: asCount(usage?.output_tokens) },
  };
}

/** Events: message_start (input usage), content_block_delta (text), message_delta (stop, output usage), message_stop. */
async function aggregateStream(response: OutboundResponse, request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult> {
  let text = '';
  let model = request.model;
  let inputTokens = 0;
  let outputTokens = 0;
  let stopped = false;
  for await (const event of readServerSentEvents(response, signal)) {
    const payload = eventJson(event);
    switch (payload.type) {
      case 'message_start': {
        const message = asObject(payload.message);
        model = asString(message?.model) ?? model;
        inputTokens = asCount(asObject(message?.usage)?.input_tokens);
        break;
      }
      case 'content_block_delta':
        text += asString(asObject(payload.delta)?.text) ?? '';
        break;
      case 'message_delta':
        checkStop(asObject(payload.delta)?.stop_reason);
        outputTokens = asCount(asObject(payload.usage)?.output_tokens) || outputTokens;
        break;
      case 'message_stop':
        stopped = true;
        break;
      case 'error':
        // Mid-stream errors (e.g. overloaded_error) are the provider's fault.
        throw new ProviderCallError(AttemptOutcome.SERVER_ERROR, 'STREAM_ERROR');
    }
  }
  if (!stopped) throw malformed('STREAM_CUT');
  return { text, model, usage: { inputTokens, outputTokens } };
}
