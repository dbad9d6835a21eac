import { defineEntity, p } from '@mikro-orm/core';

export const FlowSchema = defineEntity({
  name: 'Flow',
  tableName: 'flows',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid().index(),
    ownerId: p.uuid(),
    name: p.string().length(200),
    description: p.text().default(''),
    tags: p.json<string[]>(),
    nodes: p.json<unknown[]>(),
    edges: p.json<unknown[]>(),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});

export class Flow extends FlowSchema.class {}
FlowSchema.setClass(Flow);
