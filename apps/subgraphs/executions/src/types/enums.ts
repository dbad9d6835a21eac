import { registerEnumType } from 'type-graphql';
import { ExecutionEventType, ExecutionStatus, NodeRunStatus } from '@omnitron/schema';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ExecutionStatusEnum = enumOf(ExecutionStatus);
registerEnumType(ExecutionStatusEnum, { name: 'ExecutionStatus' });

export const NodeRunStatusEnum = enumOf(NodeRunStatus);
registerEnumType(NodeRunStatusEnum, { name: 'NodeRunStatus' });

export const ExecutionEventTypeEnum = enumOf(ExecutionEventType);
registerEnumType(ExecutionEventTypeEnum, { name: 'ExecutionEventType' });
