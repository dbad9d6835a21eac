import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { Logger } from 'pino';
import { adapters, withDeadline, AttemptOutcome, ProviderCallError, type CompletionResult, type TokenUsage } from '../providers';
import type { IntelligenceSettings } from '../settings';
import { rankTargets } from './adaptive-order';
import type { AttemptRecorder } from './attempt-recorder';
import type { ProviderCatalog } from './provider-catalog';
import { CircuitState, type ProviderState, type ProviderStateStore } from './provider-state';
import type { ResponseCache } from './response-cache';
import { planRoute, type PlannedTarget } from './route-plan';
import { normaliseTaskType } from './task-types';

export interface GenerateRequest {
  readonly taskType: string;
  readonly prompt: string;
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
  /** Serve (and store) an identical earlier answer. @default true */
  readonly cache?: boolean | undefined;
}

export interface GenerateResult {
  readonly text: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly cached: boolean;
}

/** Why a target was not tried. */
type SkipReason = 'CIRCUIT_OPEN' | 'RATE_LIMITED' | 'QUOTA_EXCEEDED';

interface TriedTarget {
  readonly provider: string;
  readonly model: string;
  readonly outcome: AttemptOutcome | SkipReason;
  readonly errorCode?: string;
  readonly retryAfterMs?: number;
}

export interface AiRouterDeps {
  readonly catalog: ProviderCatalog;
  readonly state: ProviderStateStore;
  readonly cache: ResponseCache;
  readonly recorder: AttemptRecorder;
  readonly settings: IntelligenceSettings;
  readonly log: Logger;
}

/**
 * Routes one generation: cache, then the task's targets in learned order, skipping open circuits,
 * 429 cool-downs and spent quotas, falling back on timeouts, 5xx, 429, refusals and bad bodies.
 */
export class AiRouter {
  constructor(private readonly deps: AiRouterDeps) {}

  async generate(workspaceId: string, request: GenerateRequest, signal?: AbortSignal): Promise<GenerateResult> {
    const taskType = normaliseTaskType(request.taskType);
    const cacheKey = request.cache === false ? undefined : this.deps.cache.keyOf(workspaceId, { ...request, taskType });
    const catalog = await this.deps.catalog.forWorkspace(workspaceId);
    const planned = planRoute(catalog, taskType, request.model);
    // One round trip: the cache lookup and every target's state go out in the same pipeline.
    const [cached, states] = await Promise.all([
      cacheKey ? this.deps.cache.get(cacheKey) : undefined,
      this.deps.state.read(planned.map((t) => ({ providerId: t.provider.id, workspaceId, taskType }))),
    ]);
    if (cached) return { ...cached, cached: true };
    if (planned.length === 0) throw noProvider(taskType, request.model);
    const ordered = this.order(planned.map((target, i) => ({ target, state: states[i]! })));
    const tried: TriedTarget[] = [];
    for (const { target, state } of ordered) {
      const skip = await this.skipReason(target, state);
      if (skip) {
        tried.push({ provider: target.provider.name, model: target.model, outcome: skip, retryAfterMs: retryAfterOf(skip, state) });
        continue;
      }
      const result = await this.attempt(workspaceId, taskType, target, request, signal);
      if (result instanceof ProviderCallError) {
        tried.push({ provider: target.provider.name, model: target.model, outcome: result.outcome, errorCode: result.errorCode });
        continue;
      }
      const answer = { text: result.text, provider: target.provider.name, model: result.model, usage: result.usage };
      if (cacheKey) void this.deps.cache.set(cacheKey, answer).catch((error: unknown) => this.deps.log.error({ err: error }, 'could not cache an AI answer'));
      return { ...answer, cached: false };
    }
    throw exhausted(taskType, tried);
  }

  private order<T extends { state: ProviderState }>(targets: T[]): T[] {
    if (!this.deps.settings.AI_ADAPTIVE_ROUTING) return targets;
    return rankTargets(targets, (t) => t.state.samples, Date.now(), this.deps.settings.AI_LEARNING_WINDOW_MS).map((r) => r.target);
  }

  private async skipReason(target: PlannedTarget, state: ProviderState): Promise<SkipReason | undefined> {
    if (state.coolingDownMs > 0) return 'RATE_LIMITED';
    const limit = target.provider.quotaLimit;
    if (limit !== null && state.quotaUsed >= limit) return 'QUOTA_EXCEEDED';
    if (state.circuit === CircuitState.OPEN) return 'CIRCUIT_OPEN';
    if (state.circuit === CircuitState.HALF_OPEN && !(await this.deps.state.claimProbe({ workspaceId: target.provider.workspaceId, providerId: target.provider.id }))) return 'CIRCUIT_OPEN';
    return undefined;
  }

  /** One attempt at one target: the provider's answer, or its failure as a value. */
  private async attempt(workspaceId: string, taskType: string, target: PlannedTarget, request: GenerateRequest, signal?: AbortSignal): Promise<CompletionResult | ProviderCallError> {
    const started = performance.now();
    const result = await this.call(target, request, signal);
    this.remember(workspaceId, taskType, target, Math.round(performance.now() - started), result);
    if (result instanceof ProviderCallError && result.outcome === AttemptOutcome.ABORTED) {
      throw new OmnitronError(ErrorCode.INTERNAL, 'The AI call was cancelled', { reason: 'AI_CALL_CANCELLED' });
    }
    return result;
  }

  private async call(target: PlannedTarget, request: GenerateRequest, signal?: AbortSignal): Promise<CompletionResult | ProviderCallError> {
    const { provider, model } = target;
    const completion = { model, prompt: request.prompt, temperature: request.temperature, maxTokens: request.maxTokens, stream: this.deps.settings.AI_STREAM };
    try {
      return await withDeadline(this.deps.settings.AI_PROVIDER_TIMEOUT_MS, signal, (attempt) =>
        this.deps.catalog.endpointOf(provider).then((endpoint) => adapters[provider.kind].complete(endpoint, completion, attempt)),
      );
    } catch (thrown) {
      if (thrown instanceof ProviderCallError) return thrown;
      // Failed before reaching the provider (e.g. a key sealed with another ENCRYPTION_KEY): log the kind only.
      this.deps.log.error({ provider: provider.name, error: (thrown as Error | undefined)?.name }, 'AI attempt failed before reaching the provider');
      return new ProviderCallError(AttemptOutcome.CLIENT_ERROR, 'LOCAL_ERROR');
    }
  }

  /** Stores the attempt (batched) and updates the shared provider state. */
  private remember(workspaceId: string, taskType: string, target: PlannedTarget, latencyMs: number, result: CompletionResult | ProviderCallError): void {
    const { provider, model } = target;
    const failure = result instanceof ProviderCallError ? result : undefined;
    const usage = failure ? { inputTokens: 0, outputTokens: 0 } : (result as CompletionResult).usage;
    this.deps.recorder.add({
      workspaceId, provider: provider.name, model, taskType, latencyMs, ...usage,
      outcome: failure?.outcome ?? AttemptOutcome.SUCCEEDED, errorCode: failure?.errorCode ?? null, at: new Date(),
    });
    if (failure) this.deps.log.warn({ provider: provider.name, model, taskType, outcome: failure.outcome, errorCode: failure.errorCode, latencyMs }, 'AI provider attempt failed');
    const rateLimitedForMs = failure?.outcome === AttemptOutcome.RATE_LIMITED ? (failure.retryAfterMs ?? this.deps.settings.AI_RATE_LIMIT_COOLDOWN_MS) : undefined;
    // Not awaited: the write goes out on the same connection before any later read, so Redis
    // applies it first, and the caller does not wait a round trip for bookkeeping.
    void this.deps.state
      .record({ providerId: provider.id, workspaceId, taskType, latencyMs, ok: !failure, countsAgainstCircuit: failure?.countsAgainstCircuit ?? false, rateLimitedForMs })
      .catch((error: unknown) => this.deps.log.error({ err: error, provider: provider.name }, 'could not record provider state'));
  }
}

function retryAfterOf(skip: SkipReason, state: ProviderState): number | undefined {
  if (skip === 'RATE_LIMITED') return state.coolingDownMs;
  if (skip === 'CIRCUIT_OPEN') return Math.max(0, state.openUntil - Date.now());
  return undefined;
}

function noProvider(taskType: string, model?: string): OmnitronError {
  const what = model ? `model ${model}` : `task type ${taskType}`;
  return new OmnitronError(ErrorCode.NOT_FOUND, `No AI provider is configured for ${what}`, { reason: 'NO_AI_PROVIDER', taskType });
}

/** Nothing answered: RATE_LIMITED (with the shortest wait) when every target was skipped or said 429, else INTERNAL. */
function exhausted(taskType: string, tried: readonly TriedTarget[]): OmnitronError {
  const attempts = tried.map(({ provider, model, outcome, errorCode }) => ({ provider, model, outcome, ...(errorCode ? { errorCode } : {}) }));
  const limited = tried.every((t) => t.outcome === 'RATE_LIMITED' || t.outcome === 'QUOTA_EXCEEDED' || t.outcome === 'CIRCUIT_OPEN');
  if (limited) {
    const waits = tried.map((t) => t.retryAfterMs).filter((ms): ms is number => ms !== undefined);
    const retryAfterMs = waits.length ? Math.min(...waits) : undefined;
    return new OmnitronError(ErrorCode.RATE_LIMITED, `Every AI provider for ${taskType} is rate limited, out of quota or unavailable`, {
      reason: 'AI_PROVIDERS_UNAVAILABLE', attempts, ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new OmnitronError(ErrorCode.INTERNAL, `Every AI provider for ${taskType} failed`, { reason: 'AI_PROVIDERS_FAILED', attempts });
}
