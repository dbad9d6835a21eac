import { z } from 'zod';
import { outboundPolicySettings } from '@omnitron/nodes';
import { loadConfig } from '@omnitron/server-kit';

/** Settings of the intelligence subgraph, read from the environment on start. */
export const intelligenceSettingsSchema = z.object({
  /** Wall time of one provider attempt (connect + full answer). @default 30_000 */
  AI_PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Consecutive failures that open a provider's circuit. @default 5 */
  AI_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  /** How long an open circuit skips its provider before one half-open probe. @default 30_000 */
  AI_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  /** Skip time after a 429 without a usable `retry-after`. @default 10_000 */
  AI_RATE_LIMIT_COOLDOWN_MS: z.coerce.number().int().positive().default(10_000),
  /** Lifetime of a cached answer. @default 3_600 */
  AI_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(3_600),
  /** Recent window the router learns from (per workspace, task type and provider). @default 600_000 */
  AI_LEARNING_WINDOW_MS: z.coerce.number().int().positive().default(600_000),
  /** Most recent attempts kept per window. @default 20 */
  AI_LEARNING_SAMPLE: z.coerce.number().int().min(2).default(20),
  /** Reorder routes by recorded success rate and latency; `false` keeps the configured order. @default true */
  AI_ADAPTIVE_ROUTING: z.stringbool().default(true),
  /** Ask providers to stream (SSE) and aggregate the stream. @default true */
  AI_STREAM: z.stringbool().default(true),
  /** The identity subgraph, asked (signed) for the keys of providers that name a credential (AI_PROVIDER_KEY). @default http://127.0.0.1:4001/graphql */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The flows subgraph, read (signed) to index saved flows. @default http://127.0.0.1:4002/graphql */
  FLOWS_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  /** Follow the flows subgraph's change stream (consumer group `intelligence-search`) to keep the search index current. @default true */
  SEARCH_FOLLOW_FLOW_CHANGES: z.stringbool().default(true),
  /** Documents embedded per search when an embeddings provider was configured after they were indexed. @default 64 */
  SEARCH_EMBEDDING_BACKFILL: z.coerce.number().int().min(0).default(64),
  /**
   * `HTTP_ALLOW_PRIVATE_NETWORKS` (@default false) and `HTTP_ALLOW_LIST` (@default none): which
   * non-public addresses AI provider base URLs may reach. The same settings as the executions
   * worker's for http.request, so a local Ollama is allowed the same way as an internal API.
   */
  ...outboundPolicySettings.shape,
});
export type IntelligenceSettings = z.infer<typeof intelligenceSettingsSchema>;

export function loadIntelligenceSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<IntelligenceSettings> = {}): IntelligenceSettings {
  return { ...loadConfig(intelligenceSettingsSchema, env), ...overrides };
}
