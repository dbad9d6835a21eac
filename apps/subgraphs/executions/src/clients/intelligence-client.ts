import { NodeError, type AiGenerateRequest, type AiGenerateResult } from '@omnitron/nodes';
import { routeOf, signCaller, type Caller } from '@omnitron/server-kit';

interface CodedErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string; reason?: string } }>;
}

/** Codes worth another attempt by the node's retry policy; the rest fail the node at once. */
const RETRYABLE = new Set(['RATE_LIMITED', 'INTERNAL']);

/**
 * The intelligence subgraph's signed internal routes: `ai.generate` for the node of that name,
 * and node timings after a run (feeding flow analysis). The base URL is INTELLIGENCE_URL (its
 * `/graphql` path is replaced).
 */
export class IntelligenceClient {
  constructor(
    private readonly graphqlUrl: string,
    private readonly signingKey: string,
  ) {}

  async generate(caller: Caller, request: AiGenerateRequest, signal: AbortSignal): Promise<AiGenerateResult> {
    let response: Response;
    try {
      response = await this.post('/internal/ai/generate', caller, request, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new NodeError('SERVICE_UNAVAILABLE', 'The intelligence service is not reachable');
    }
    const body = (await response.json()) as AiGenerateResult & CodedErrorBody;
    if (response.ok) return body;
    const error = body.errors?.[0];
    const code = error?.extensions?.code ?? 'INTERNAL';
    throw new NodeError(error?.extensions?.reason ?? code, error?.message ?? `ai.generate failed (${response.status})`, {
      retryable: RETRYABLE.has(code),
    });
  }

  /** Best effort: analysis is a nicety, a failure here never touches the run. */
  async reportNodeTimings(caller: Caller, flowId: string, nodeRuns: Array<{ nodeId: string; durationMs: number }>): Promise<void> {
    if (nodeRuns.length === 0) return;
    await this.post('/internal/stats/node-runs', caller, { flowId, nodeRuns }, AbortSignal.timeout(5_000));
  }

  private post(path: string, caller: Caller, body: unknown, signal: AbortSignal): Promise<Response> {
    const url = new URL(path, this.graphqlUrl);
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(this.signingKey, routeOf('POST', url), caller) },
      body: JSON.stringify(body),
      signal,
    });
  }
}
