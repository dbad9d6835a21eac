import { defineEntity, p } from '@mikro-orm/core';
import type { FlowProblem } from '@omnitron/nodes';

/** One immutable save of a flow: what it held, who saved it, when and why. Never updated. */
export const FlowVersionSchema = defineEntity({
  name: 'FlowVersion',
  tableName: 'flow_versions',
  uniques: [{ name: 'flow_versions_flow_version_unique', properties: ['flowId', 'version'] }],
  properties: {
    id: p.string().length(36).primary(),
    flowId: p.string().length(36),
    workspaceId: p.string().length(36),
    version: p.integer(),
    name: p.string().length(200),
    description: p.text(),
    tags: p.json<string[]>(),
    nodes: p.json<unknown[]>(),
    edges: p.json<unknown[]>(),
    valid: p.boolean(),
    problems: p.json<FlowProblem[]>(),
    authorId: p.string().length(36),
    message: p.text().nullable(),
    createdAt: p.datetime(),
  },
});

export class FlowVersion extends FlowVersionSchema.class {}
FlowVersionSchema.setClass(FlowVersion);
