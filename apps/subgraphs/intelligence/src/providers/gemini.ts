import { joinUrl, AiProviderKind, type CompletionRequest, type CompletionResult, type ProviderAdapter } from './provider-adapter';
import { postJson, readJson } from './http-call';
import { malformed, refused } from './provider-call-error';
import { eventJson, readServerSentEvents } from './sse';
import { asArray, asCount, asObject, asString, type Wire } from './wire-values';

/** Finish reasons that mean the model declined, not that it failed. */
const REFUSALS = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION', 'IMAGE_SAFETY']);

/**
 * Google Gemini `models/{model}:generateContent` (streaming: `:streamGenerateContent?alt=sse`);
 * `baseUrl` includes the version (`.../v1beta`).
 */
export const geminiAdapter: ProviderAdapter = {
  kind: AiProviderKind.GEMINI,
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  async complete(endpoint, request, signal) {
    const model = request.model.replace(/^models\//, '');
    const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    const url = joinUrl(endpoint.baseUrl, `models/${encodeURIComponent(model)}:${method}`);
    const response = await postJson(endpoint, url, { 'x-goog-api-key': endpoint.apiKey }, bodyOf(request), signal);
    if (!request.stream) return resultOf([await readJson(response, signal)], request);
    const chunks: unknown[] = [];
    for await (const event of readServerSentEvents(response, signal)) chunks.push(eventJson(event));
    return resultOf(chunks, request, true);
  },
};

function bodyOf(request: CompletionRequest): Wire {
  const generationConfig: Wire = {};
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.maxTokens !== undefined) generationConfig.maxOutputTokens = request.maxTokens;
  return { contents: [{ role: 'user', parts: [{ text: request.prompt }] }], generationConfig };
}

/**
 * One answer or the chunks of a stream: text is concatenated, usage is cumulative (the last one
 * wins). A stream has no terminal event, so one that never names a finish reason was cut short.
 */
export function resultOf(chunks: readonly unknown[], request: CompletionRequest, streamed = false): CompletionResult {
  let finished = false;
  let text = '';
  let model = request.model;
  let usage: CompletionResult['usage'] = { inputTokens: 0, outputTokens: 0 };
  let sawCandidate = false;
  for (const value of chunks) {
    const body = asObject(value);
    if (!body) throw malformed('NOT_OBJECT');
    const blockReason = asString(asObject(body.promptFeedback)?.blockReason);
    if (blockReason) throw refused(blockReason);
    model = asString(body.modelVersion) ?? model;
    const metadata = asObject(body.usageMetadata);
    if (metadata) usage = { inputTokens: asCount(metadata.promptTokenCount), outputTokens: asCount(metadata.candidatesTokenCount) };
    const candidate = asObject(asArray(body.candidates)[0]);
    if (!candidate) continue;
    sawCandidate = true;
    const finish = asString(candidate.finishReason);
    if (finish && REFUSALS.has(finish)) throw refused(finish);
    if (finish) finished = true;
    for (const part of asArray(asObject(candidate.content)?.parts)) text += asString(asObject(part)?.text) ?? '';
  }
  if (!sawCandidate) throw malformed('NO_CANDIDATE');
  if (streamed && !finished) throw malformed('STREAM_CUT');
  return { text, model, usage };
}
