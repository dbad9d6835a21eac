import { adapters, attemptSignal, embedTexts, ProviderCallError } from '../providers';
import type { ProviderCatalog, ProviderRecord } from '../routing/provider-catalog';

export interface ProviderTestResult {
  readonly ok: boolean;
  readonly latencyMs: number;
  /** A short code (`HTTP_401`, `TIMEOUT`...), never the provider's body. */
  readonly error: string | null;
  readonly model: string;
}

/** One minimal real call: a one-word prompt (or one embedding for embeddings-only providers). */
export async function testProvider(catalog: ProviderCatalog, provider: ProviderRecord, timeoutMs: number): Promise<ProviderTestResult> {
  const model = provider.models[0]!;
  const signal = attemptSignal(timeoutMs);
  const started = performance.now();
  try {
    const endpoint = await catalog.endpointOf(provider);
    if (provider.taskTypes.length === 1 && provider.taskTypes[0] === 'embeddings') await embedTexts(endpoint, model, ['ping'], signal);
    else await adapters[provider.kind].complete(endpoint, { model, prompt: 'Reply with the word: pong', maxTokens: 5, temperature: 0, stream: false }, signal);
    return { ok: true, latencyMs: Math.round(performance.now() - started), error: null, model };
  } catch (error) {
    const code = error instanceof ProviderCallError ? error.errorCode : 'UNKNOWN';
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: code, model };
  }
}
