import { z } from 'zod';

/** Body of `POST /internal/search/index`: a flow's searchable text, or `deleted: true`. */
export const indexRequestSchema = z.object({
  flowId: z.string().uuid(),
  /** Must equal the signed caller's workspace when given. */
  workspaceId: z.string().uuid().optional(),
  deleted: z.boolean().default(false),
  name: z.string().max(200).default(''),
  description: z.string().max(10_000).default(''),
  tags: z.array(z.string().max(100)).max(100).default([]),
  nodeTypes: z.array(z.string().max(100)).max(5_000).default([]),
  configText: z.string().max(200_000).default(''),
  /** Convenience: React Flow nodes; fills `nodeTypes` and `configText` when those are empty. */
  nodes: z.array(z.unknown()).max(5_000).optional(),
});
export type IndexRequest = z.infer<typeof indexRequestSchema>;

/** Every string in a node's config, joined: URLs, prompts, expressions and SQL are all searchable. */
export function configTextOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) configTextOf(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) configTextOf(item, out);
  return out;
}

/** Fills node types and config text from raw nodes when the caller sent only the graph. */
export function withDerivedFields(request: IndexRequest): IndexRequest {
  if (!request.nodes) return request;
  const nodes = request.nodes.filter((n): n is { type?: unknown; data?: unknown } => typeof n === 'object' && n !== null);
  return {
    ...request,
    nodeTypes: request.nodeTypes.length ? request.nodeTypes : [...new Set(nodes.map((n) => String(n.type ?? '')).filter(Boolean))],
    configText: request.configText || configTextOf(nodes.map((n) => n.data)).join('\n').slice(0, 200_000),
  };
}

/** The text an embedding is computed from. */
export function embeddingTextOf(doc: { name: string; description: string; tags: readonly string[]; nodeTypes: readonly string[]; configText: string }): string {
  return [doc.name, doc.description, doc.tags.join(' '), doc.nodeTypes.join(' '), doc.configText.slice(0, 4_000)].join('\n');
}
