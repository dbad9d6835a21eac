import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { routeOf, signCaller, type Caller, type Role, type Scope } from '@omnitron/server-kit';
import { startTestSubgraph, testRedisUrl, TEST_SIGNING_KEY, type TestSubgraph } from '@omnitron/server-kit/testing';
import { createIntelligenceSubgraph } from '../definition';
import type { IntelligenceOptions } from '../services/intelligence-services';
import type { IntelligenceSettings } from '../settings';

export interface GraphqlAnswer<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/** A running intelligence subgraph on real PostgreSQL and Redis, with every log line and response kept. */
export interface IntelligenceHarness {
  readonly subgraph: TestSubgraph;
  readonly logLines: string[];
  /** Every GraphQL and internal response body this harness saw. */
  readonly responses: string[];
  readonly services: ReturnType<ReturnType<typeof createIntelligenceSubgraph>['services']>;
  gql<T = Record<string, any>>(query: string, variables: Record<string, unknown>, caller: Caller | null): Promise<GraphqlAnswer<T>>;
  internal(path: string, body: unknown, caller: Caller | null, signed?: boolean): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function callerFor(workspaceId: string, role: Role = 'owner', scopes: Scope[] | null = null): Caller {
  return { userId: randomUUID(), workspaceId, role, scopes };
}

export const newWorkspace = (): string => randomUUID();

/** Fast settings so breakers, cool-downs and timeouts play out within a test. */
export const testSettings: Partial<IntelligenceSettings> = {
  // Generous for a busy 2-core machine; the timeout test uses a provider that never answers.
  AI_PROVIDER_TIMEOUT_MS: 1_500,
  AI_BREAKER_THRESHOLD: 3,
  AI_BREAKER_COOLDOWN_MS: 400,
  AI_RATE_LIMIT_COOLDOWN_MS: 5_000,
  AI_STREAM: true,
  // The change-stream test turns it on with its own flows server.
  SEARCH_FOLLOW_FLOW_CHANGES: false,
  // The fake providers listen on loopback: the operator allow-lists it, as for a local Ollama.
  HTTP_ALLOW_LIST: ['127.0.0.1'],
};

export async function startIntelligence(settings: Partial<IntelligenceSettings> = testSettings, options: Pick<IntelligenceOptions, 'lookup'> = {}): Promise<IntelligenceHarness> {
  const logLines: string[] = [];
  const responses: string[] = [];
  // Level trace and no redaction: the code itself must never log a key.
  const log = pino({ level: 'trace', base: { service: 'intelligence' } }, { write: (line: string) => void logLines.push(line) });
  const definition = createIntelligenceSubgraph({ ...options, settings, encryptionKey: randomBytes(32).toString('base64') });
  const subgraph = await startTestSubgraph(definition, { log });
  const base = subgraph.url.replace(/\/graphql$/, '');
  return {
    subgraph,
    logLines,
    responses,
    services: definition.services(),
    async gql(query, variables, caller) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', subgraph.url), caller) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      responses.push(text);
      return JSON.parse(text) as never;
    },
    async internal(path, body, caller, signed = true) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signed ? signCaller(TEST_SIGNING_KEY, routeOf('POST', path), caller) : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      responses.push(text);
      return { status: response.status, body: JSON.parse(text) };
    },
    async close() {
      await subgraph.close();
      await deleteKeys(`${subgraph.config.REDIS_PREFIX}:*`);
    },
  };
}

/** Removes this run's throwaway keys (SCAN + DEL on our prefix only; never FLUSHALL). */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export const CONFIGURE = `mutation($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models taskTypes priority status circuitState quotaUsed quotaLimit } }`;
export const GENERATE = `mutation($input: GenerateTextInput!) { generateText(input: $input) { text provider model cached usage { inputTokens outputTokens } } }`;
export const PROVIDERS = `{ aiProviders { name kind baseUrl models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed quotaLimit } }`;
export const ATTEMPTS = `{ aiCallAttempts(first: 50) { provider model taskType latencyMs inputTokens outputTokens outcome errorCode at } }`;
