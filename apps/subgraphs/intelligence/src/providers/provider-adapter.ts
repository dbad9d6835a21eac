import type { OutboundClient } from '@omnitron/nodes';

/** The three wire formats a provider can speak. */
export const AiProviderKind = {
  OPENAI_COMPATIBLE: 'OPENAI_COMPATIBLE',
  ANTHROPIC: 'ANTHROPIC',
  GEMINI: 'GEMINI',
} as const;
export type AiProviderKind = (typeof AiProviderKind)[keyof typeof AiProviderKind];

/** Where, as whom and through what to call a provider. The key lives only in memory for the call. */
export interface ProviderEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  /**
   * The platform's outbound client: every call to the provider, its redirects and its streams go
   * through the same address policy as http.request (`HTTP_ALLOW_LIST`, `HTTP_ALLOW_PRIVATE_NETWORKS`).
   */
  readonly outbound: OutboundClient;
}

export interface CompletionRequest {
  readonly model: string;
  readonly prompt: string;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
  /** Ask for server-sent events and aggregate them. */
  readonly stream: boolean;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface CompletionResult {
  readonly text: string;
  readonly model: string;
  readonly usage: TokenUsage;
}

/** One file per wire format; each is a plain HTTP client over `endpoint.outbound`. */
export interface ProviderAdapter {
  readonly kind: AiProviderKind;
  /** Used when a provider is configured without a base URL. */
  readonly defaultBaseUrl?: string;
  complete(endpoint: ProviderEndpoint, request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult>;
}

/** `https://host/v1/` + `/chat` -> `https://host/v1/chat`. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
