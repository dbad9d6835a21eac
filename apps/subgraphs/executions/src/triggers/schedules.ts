import { scheduleOf } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { JobName, SCHEDULER_PREFIX, schedulerId, type ScheduleTickJobData } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from '../services/start-execution';

type ScheduleRegistration = Pick<TriggerRegistration, 'flowId' | 'nodeId' | 'cron' | 'timezone'>;

/** Creates or updates the BullMQ job scheduler of one schedule trigger (keyed by flow + node: no duplicates). */
export async function applySchedule(runtime: ExecutionsRuntime, registration: ScheduleRegistration): Promise<void> {
  const data: ScheduleTickJobData = { flowId: registration.flowId, nodeId: registration.nodeId };
  await runtime.queue.upsertJobScheduler(
    schedulerId(registration.flowId, registration.nodeId),
    { pattern: registration.cron!, tz: registration.timezone ?? 'UTC' },
    { name: JobName.scheduleTick, data },
  );
}

export async function removeSchedule(runtime: ExecutionsRuntime, flowId: string, nodeId: string): Promise<void> {
  await runtime.queue.removeJobScheduler(schedulerId(flowId, nodeId));
}

/**
 * Makes the queue's schedulers match the registrations in the database: a missing one (a new
 * registration, or Redis lost it) or one whose cron or timezone changed is upserted, and ones
 * whose registration is gone are removed. Keyed, so it never duplicates a scheduler; workers run
 * it at start and on every scheduler check (`SchedulerUpkeep`), where it only reads unless
 * something is off. Returns the ids it upserted.
 */
export async function reconcileSchedules(runtime: ExecutionsRuntime): Promise<string[]> {
  const registrations = await runtime.orm.em.fork().find(TriggerRegistration, { kind: 'schedule' });
  const existing = new Map((await runtime.queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler]));
  const upserted: string[] = [];
  for (const registration of registrations) {
    const id = schedulerId(registration.flowId, registration.nodeId);
    const current = existing.get(id);
    existing.delete(id);
    if (current && current.pattern === registration.cron && (current.tz ?? 'UTC') === (registration.timezone ?? 'UTC')) continue;
    await applySchedule(runtime, registration);
    upserted.push(id);
  }
  for (const key of existing.keys()) {
    if (key.startsWith(SCHEDULER_PREFIX)) await runtime.queue.removeJobScheduler(key);
  }
  return upserted;
}

/**
 * One tick of a schedule: starts a run of the registered graph from that trigger node (once per
 * tick id). A tick later than SCHEDULE_MISSED_AFTER_MS is a missed fire: dropped for a schedule
 * with `missed: skip` (the default), run for `missed: fireOnce`.
 */
export async function fireSchedule(
  runtime: ExecutionsRuntime,
  tick: ScheduleTickJobData,
  tickId: string,
  scheduledAt: Date,
): Promise<string | undefined> {
  const registration = await runtime.orm.em.fork().findOne(TriggerRegistration, { flowId: tick.flowId, nodeId: tick.nodeId, kind: 'schedule' });
  if (!registration) {
    // Removed since the tick was queued: stop the scheduler too.
    await removeSchedule(runtime, tick.flowId, tick.nodeId);
    return undefined;
  }
  const policy = scheduleOf(registration.graph).find((s) => s.nodeId === tick.nodeId)?.missed ?? 'skip';
  if (policy === 'skip' && Date.now() - scheduledAt.getTime() > runtime.settings.SCHEDULE_MISSED_AFTER_MS) {
    runtime.log.info({ flowId: tick.flowId, nodeId: tick.nodeId, scheduledAt: scheduledAt.toISOString() }, 'missed schedule tick skipped');
    return undefined;
  }
  try {
    const execution = await startExecution(runtime, {
      workspaceId: registration.workspaceId,
      userId: registration.registeredBy,
      flow: { id: registration.flowId, version: registration.flowVersion, name: registration.flowName ?? undefined, graph: registration.graph, ...(registration.settings ? { settings: registration.settings } : {}) },
      input: { scheduledAt: scheduledAt.toISOString(), firedAt: new Date().toISOString() },
      idempotencyKey: `schedule:${tickId}`.slice(0, 200),
      triggerNodeId: registration.nodeId,
    });
    return execution.id;
  } catch (error) {
    if (error instanceof OmnitronError && error.code === ErrorCode.VALIDATION_FAILED) {
      runtime.log.warn({ flowId: tick.flowId, nodeId: tick.nodeId }, 'scheduled flow is invalid; tick skipped');
      return undefined;
    }
    throw error;
  }
}
