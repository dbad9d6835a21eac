import { defineEntity, p } from '@mikro-orm/core';

/** A `LOG` event kept with the execution after its event stream expires. */
export const ExecutionLogSchema = defineEntity({
  name: 'ExecutionLog',
  tableName: 'execution_logs',
  properties: {
    executionId: p.uuid().primary(),
    seq: p.integer().primary(),
    nodeId: p.string().length(200).nullable(),
    level: p.string().length(8),
    message: p.text(),
    data: p.json<unknown>().nullable(),
    at: p.datetime(),
  },
});

export class ExecutionLog extends ExecutionLogSchema.class {}
ExecutionLogSchema.setClass(ExecutionLog);
