import { defineEntity, p } from '@mikro-orm/core';

/** The searchable text of one flow, pushed by the flows subgraph on save. */
export const FlowSearchDocumentSchema = defineEntity({
  name: 'FlowSearchDocument',
  tableName: 'flow_search_documents',
  properties: {
    flowId: p.uuid().primary(),
    workspaceId: p.uuid(),
    name: p.string().length(200),
    description: p.text(),
    tags: p.json<string[]>(),
    nodeTypes: p.json<string[]>(),
    configText: p.text(),
    /** Vector from the workspace's embeddings provider, when one is configured. */
    embedding: p.json<number[]>().nullable(),
    embeddingModel: p.string().length(200).nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class FlowSearchDocument extends FlowSearchDocumentSchema.class {}
FlowSearchDocumentSchema.setClass(FlowSearchDocument);
