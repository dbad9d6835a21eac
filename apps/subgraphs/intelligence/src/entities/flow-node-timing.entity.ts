import { defineEntity, p } from '@mikro-orm/core';

/** Recorded run time of one node of one flow, fed by the executions subgraph. */
export const FlowNodeTimingSchema = defineEntity({
  name: 'FlowNodeTiming',
  tableName: 'flow_node_timings',
  properties: {
    flowId: p.uuid().primary(),
    nodeId: p.string().length(200).primary(),
    workspaceId: p.uuid(),
    runs: p.integer(),
    totalMs: p.bigint('number'),
    maxMs: p.integer(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class FlowNodeTiming extends FlowNodeTimingSchema.class {}
FlowNodeTimingSchema.setClass(FlowNodeTiming);
