import { defineEntity, p } from '@mikro-orm/core';
import type { ExecutionStatus } from '@omnitron/schema';

export const ExecutionSchema = defineEntity({
  name: 'Execution',
  tableName: 'executions',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid().index(),
    flowId: p.uuid().index(),
    flowVersion: p.integer(),
    startedBy: p.uuid(),
    status: p.string().length(16).$type<ExecutionStatus>(),
    input: p.json<unknown>().nullable(),
    output: p.json<unknown>().nullable(),
    error: p.json<{ code: string; message: string; nodeId?: string }>().nullable(),
    idempotencyKey: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});

export class Execution extends ExecutionSchema.class {}
ExecutionSchema.setClass(Execution);
