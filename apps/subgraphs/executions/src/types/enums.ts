import { registerEnumType } from 'type-graphql';
import { ExecutionEventType, ExecutionStatus, NodeRunStatus } from '@omnitron/schema';
import { ExecutionTrigger } from '../services/run-trigger';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ExecutionStatusEnum = enumOf(ExecutionStatus);
registerEnumType(ExecutionStatusEnum, { name: 'ExecutionStatus' });

export const NodeRunStatusEnum = enumOf(NodeRunStatus);
registerEnumType(NodeRunStatusEnum, { name: 'NodeRunStatus' });

export const ExecutionEventTypeEnum = enumOf(ExecutionEventType);
registerEnumType(ExecutionEventTypeEnum, { name: 'ExecutionEventType' });

/** Which graph `retryExecution` runs: the version the retried run pinned, or the flow's current version. */
export const RetryVersionEnum = { PINNED: 'PINNED', CURRENT: 'CURRENT' } as const;
registerEnumType(RetryVersionEnum, { name: 'RetryVersion', description: 'PINNED: the version that ran; CURRENT: the flow as saved now' });

export const ExecutionTriggerEnum = enumOf(ExecutionTrigger);
registerEnumType(ExecutionTriggerEnum, {
  name: 'ExecutionTrigger',
  description: 'What started a run: by hand or the API, a webhook, a schedule, an error flow, a retry, a test of a draft',
});
