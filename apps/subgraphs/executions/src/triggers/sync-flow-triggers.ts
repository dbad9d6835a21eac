import { webhookTriggersOf, scheduleOf } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { webhooksChanged } from '../ephemeral/ephemeral-webhooks';
import type { ExecutionsRuntime } from '../runtime';
import { withFlowSyncLock } from './flow-sync-lock';
import { applySchedule, removeSchedule } from './schedules';

export interface TriggerSyncResult {
  readonly webhooks: string[];
  readonly schedules: string[];
}

/**
 * Makes the registered triggers match the flow as the flows subgraph has it now: its webhook
 * paths and its job schedulers. A deleted (or missing) flow, and an inactive one, loses all of
 * them. Idempotent; flows calls it (signed, through the `syncFlowTriggers` mutation) when a flow
 * is activated or an active flow saved, and the flow-change stream calls it for every change;
 * one sync of a flow runs at a time, on any replica (`withFlowSyncLock`).
 */
export function syncFlowTriggers(runtime: ExecutionsRuntime, caller: Caller, flowId: string): Promise<TriggerSyncResult> {
  return withFlowSyncLock(runtime, flowId, () => syncNow(runtime, caller, flowId));
}

async function syncNow(runtime: ExecutionsRuntime, caller: Caller, flowId: string): Promise<TriggerSyncResult> {
  const current = await runtime.flows.currentFlow(caller, flowId);
  const flow = current && current.active !== false ? current : null;
  const em = runtime.orm.em.fork();
  const previous = await em.find(TriggerRegistration, { flowId, workspaceId: caller.workspaceId });
  const base = flow && { flowId, workspaceId: caller.workspaceId, flowVersion: flow.version, flowName: flow.name?.slice(0, 200) ?? null, graph: flow.graph, settings: flow.settings ?? null, registeredBy: caller.userId };
  const wanted = flow
    ? [
        ...webhookTriggersOf(flow.graph)
          .filter((w) => w.path !== '')
          .map((w) => ({ ...base!, nodeId: w.nodeId, kind: 'webhook' as const, path: w.path, respond: w.respond, cron: null, timezone: null })),
        ...scheduleOf(flow.graph).map((s) => ({ ...base!, nodeId: s.nodeId, kind: 'schedule' as const, path: null, respond: null, cron: s.cron, timezone: s.timezone })),
      ]
    : [];
  await assertPathsFree(runtime, flowId, wanted.flatMap((w) => (w.path ? [w.path] : [])));
  const keep = new Set(wanted.map((w) => w.nodeId));
  const stale = previous.filter((p) => !keep.has(p.nodeId));
  try {
    for (const registration of stale) {
      if (registration.kind === 'schedule') await removeSchedule(runtime, flowId, registration.nodeId);
      em.remove(registration);
    }
    await em.flush();
    for (const registration of wanted) {
      await em.upsert(TriggerRegistration, { ...registration, updatedAt: new Date() });
      if (registration.kind === 'schedule') await applySchedule(runtime, registration);
    }
  } finally {
    // Processes keep webhook registrations (ephemeral/webhook-registry.ts): they forget them now,
    // also after a sync that failed halfway, so a removed path stops answering at once.
    if ([...previous, ...wanted].some((r) => r.kind === 'webhook')) await webhooksChanged(runtime);
  }
  return {
    webhooks: wanted.flatMap((w) => (w.path ? [w.path] : [])),
    schedules: wanted.filter((w) => w.kind === 'schedule').map((w) => w.nodeId),
  };
}

/** A webhook path belongs to one flow; another flow's claim is a CONFLICT. */
async function assertPathsFree(runtime: ExecutionsRuntime, flowId: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const taken = await runtime.orm.em.fork().find(TriggerRegistration, { path: { $in: paths }, flowId: { $ne: flowId } });
  if (taken.length > 0) {
    throw new OmnitronError(ErrorCode.CONFLICT, `Webhook path "${taken[0]!.path}" is used by another flow`, {
      paths: taken.map((t) => t.path),
    });
  }
}
