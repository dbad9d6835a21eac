import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { FlowChangeConsumer, FlowChangeGroup, flowChangeCaller, type FlowChange } from '@omnitron/server-kit';
import type { ExecutionsRuntime } from '../runtime';
import { syncFlowTriggers } from './sync-flow-triggers';

/**
 * Keeps triggers in step with saved flows: for every `FlowChange` (saved or deleted) it reconciles
 * the flow's webhook paths and job schedulers with the flow as the flows subgraph has it now.
 *
 * Started by the executions subgraph (not the workers), one consumer per replica in the
 * `executions-triggers` group, so each change is handled once. The flow is read signed as
 * `flowChangeCaller(change)`: the user who made the change, with the owner role, in its workspace.
 * A deleted flow reads as missing, which removes all its triggers; handling is idempotent, so a
 * redelivered change does nothing new.
 */
export function startFlowChangeTriggerSync(runtime: ExecutionsRuntime): Promise<FlowChangeConsumer> {
  const log = runtime.log.child({ component: 'flow-change-triggers' });
  const consumer = new FlowChangeConsumer({
    redisUrl: runtime.config.REDIS_URL,
    redisPrefix: runtime.config.REDIS_PREFIX,
    group: FlowChangeGroup.executionsTriggers,
    claimIdleMs: runtime.settings.FLOW_CHANGES_CLAIM_IDLE_MS,
    log,
    handle: (change) => syncOnChange(runtime, change, log),
  });
  return consumer.start().then(() => consumer);
}

async function syncOnChange(runtime: ExecutionsRuntime, change: FlowChange, log: ExecutionsRuntime['log']): Promise<void> {
  try {
    const synced = await syncFlowTriggers(runtime, flowChangeCaller(change), change.flowId);
    log.debug({ flowId: change.flowId, change: change.change, ...synced }, 'flow triggers synced');
  } catch (error) {
    // Another flow holds a webhook path: retrying cannot help; the next save of this flow tries again.
    if (error instanceof OmnitronError && error.code === ErrorCode.CONFLICT) {
      log.warn({ flowId: change.flowId, err: error.message }, 'flow triggers not synced');
      return;
    }
    throw error;
  }
}
