import { defineEntity, p } from '@mikro-orm/core';

/**
 * A `LOG` event kept with the execution after its event stream expires. Only the worker's
 * EventWriter writes these, after its RunLogBudget bounded the line (LOG_LINE_MAX_BYTES), the node
 * run's lines (NODE_LOGS_MAX_BYTES) and the run's (RUN_LOGS_MAX_BYTES); rows whose `data` is
 * `{ dropped: { lines, bytes } }` are the markers standing for lines that were not kept.
 */
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
