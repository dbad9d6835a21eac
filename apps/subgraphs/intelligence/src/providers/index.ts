import { anthropicAdapter } from './anthropic';
import { geminiAdapter } from './gemini';
import { openAiCompatibleAdapter } from './openai-compatible';
import type { AiProviderKind, ProviderAdapter } from './provider-adapter';

export const adapters: Readonly<Record<AiProviderKind, ProviderAdapter>> = {
  OPENAI_COMPATIBLE: openAiCompatibleAdapter,
  ANTHROPIC: anthropicAdapter,
  GEMINI: geminiAdapter,
};

export * from './provider-adapter';
export * from './provider-call-error';
export { embedTexts } from './embeddings';
export { attemptSignal, withDeadline } from './http-call';
