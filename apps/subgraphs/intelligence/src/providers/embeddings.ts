import { joinUrl, type ProviderEndpoint } from './provider-adapter';
import { postJson, readJson } from './http-call';
import { malformed } from './provider-call-error';
import { asArray, asObject } from './wire-values';

/** OpenAI-compatible `POST {baseUrl}/embeddings`: one vector per input, in input order. */
export async function embedTexts(endpoint: ProviderEndpoint, model: string, inputs: readonly string[], signal: AbortSignal): Promise<number[][]> {
  const headers: Record<string, string> = endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {};
  const response = await postJson(endpoint, joinUrl(endpoint.baseUrl, 'embeddings'), headers, { model, input: inputs }, signal);
  const rows = asArray(asObject(await readJson(response, signal))?.data);
  const vectors: number[][] = new Array(inputs.length);
  rows.forEach((row, position) => {
    const entry = asObject(row);
    const index = typeof entry?.index === 'number' ? entry.index : position;
    const vector = asArray(entry?.embedding);
    if (!vector.length || !vector.every((x) => typeof x === 'number')) throw malformed('BAD_EMBEDDING');
    vectors[index] = vector as number[];
  });
  if (vectors.length !== inputs.length || vectors.some((v) => !v)) throw malformed('MISSING_EMBEDDING');
  return vectors;
}
