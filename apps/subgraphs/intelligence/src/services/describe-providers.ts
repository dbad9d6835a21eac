import type { EntityManager } from '@mikro-orm/core';
import type { AiProvider } from '../entities/ai-provider.entity';
import type { AiProviderKind } from '../providers';
import { CircuitState, type ProviderState } from '../routing/provider-state';
import { AiProviderStatus, type AiProviderType } from '../types/ai-provider.type';
import type { IntelligenceServices } from './intelligence-services';
import { providerMetrics } from './provider-metrics';

const DEGRADED_ERROR_RATE = 0.25;

export function statusOf(state: ProviderState, quotaLimit: number | null, errorRate: number | null): AiProviderStatus {
  if (state.circuit !== CircuitState.CLOSED) return AiProviderStatus.DOWN;
  if (state.coolingDownMs > 0) return AiProviderStatus.RATE_LIMITED;
  if (quotaLimit !== null && state.quotaUsed >= quotaLimit) return AiProviderStatus.QUOTA_EXHAUSTED;
  if (errorRate !== null && errorRate > DEGRADED_ERROR_RATE) return AiProviderStatus.DEGRADED;
  return AiProviderStatus.HEALTHY;
}

/** Providers as the API shows them: configuration plus live state (Redis) and 24-hour metrics. */
export async function describeProviders(em: EntityManager, services: IntelligenceServices, workspaceId: string, providers: readonly AiProvider[]): Promise<AiProviderType[]> {
  await services.recorder.flush();
  const [states, metrics] = await Promise.all([
    services.state.read(providers.map((p) => ({ providerId: p.id, workspaceId, taskType: '-' }))),
    providerMetrics(em, workspaceId),
  ]);
  return providers.map((p, i) => {
    const state = states[i]!;
    const m = metrics.get(p.name);
    const quotaLimit = p.quotaLimit ?? null;
    return {
      name: p.name,
      kind: p.kind as AiProviderKind,
      baseUrl: p.baseUrl,
      apiKeyCredential: p.apiKeyCredential ?? null,
      models: p.models,
      taskTypes: p.taskTypes,
      priority: p.priority,
      status: statusOf(state, quotaLimit, m?.errorRate ?? null),
      circuitState: state.circuit,
      latencyP50Ms: m?.latencyP50Ms ?? null,
      latencyP95Ms: m?.latencyP95Ms ?? null,
      errorRate: m?.errorRate ?? null,
      quotaUsed: state.quotaUsed,
      quotaLimit,
    };
  });
}
