import type { RouteTarget } from '../entities/ai-route.entity';
import type { ProviderRecord, WorkspaceCatalog } from './provider-catalog';
import { defaultModelFor } from './task-types';

export interface PlannedTarget {
  readonly provider: ProviderRecord;
  readonly model: string;
}

/** A provider with no task types serves every task except embeddings. */
function serves(provider: ProviderRecord, taskType: string): boolean {
  if (provider.taskTypes.length === 0) return taskType !== 'embeddings';
  return provider.taskTypes.includes(taskType);
}

/** Providers configured only for embeddings cannot answer a prompt. */
const chats = (provider: ProviderRecord): boolean => provider.taskTypes.length === 0 || provider.taskTypes.some((t) => t !== 'embeddings');

function withDefaultModel(providers: readonly ProviderRecord[], taskType: string): PlannedTarget[] {
  return providers.flatMap((provider) => {
    const model = defaultModelFor(taskType, provider.models);
    return model ? [{ provider, model }] : [];
  });
}

/** The default order for a task: providers declaring it, by priority; else every chat provider. */
export function defaultTargets(catalog: WorkspaceCatalog, taskType: string): PlannedTarget[] {
  const declared = catalog.providers.filter((p) => serves(p, taskType));
  if (declared.length || taskType === 'embeddings') return withDefaultModel(declared, taskType);
  return withDefaultModel(catalog.providers.filter(chats), taskType);
}

function fromRoute(catalog: WorkspaceCatalog, route: readonly RouteTarget[]): PlannedTarget[] {
  const byName = new Map(catalog.providers.map((p) => [p.name, p]));
  return route.flatMap((t) => {
    const provider = byName.get(t.provider);
    return provider ? [{ provider, model: t.model }] : [];
  });
}

/**
 * The ordered provider/model pairs to try for a task type: the workspace's configured route when
 * it has one, else the default. A requested model narrows the list to targets using it, or to
 * providers that list it.
 */
export function planRoute(catalog: WorkspaceCatalog, taskType: string, model?: string): PlannedTarget[] {
  const configured = catalog.routes.get(taskType);
  const planned = configured ? fromRoute(catalog, configured) : defaultTargets(catalog, taskType);
  if (!model) return planned;
  const exact = planned.filter((t) => t.model === model);
  if (exact.length) return exact;
  const seen = new Set(planned.map((t) => t.provider.id));
  const offering = [...planned.map((t) => t.provider), ...catalog.providers.filter((p) => !seen.has(p.id))];
  return offering.filter((p) => p.models.includes(model)).map((provider) => ({ provider, model }));
}
