import { defineEntity, p } from '@mikro-orm/core';

export interface RouteTarget {
  readonly provider: string;
  readonly model: string;
}

/** A workspace's explicit order of provider/model pairs for one task type (overrides the default). */
export const AiRouteSchema = defineEntity({
  name: 'AiRoute',
  tableName: 'ai_routes',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    taskType: p.string().length(64),
    targets: p.json<RouteTarget[]>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class AiRoute extends AiRouteSchema.class {}
AiRouteSchema.setClass(AiRoute);
