import { z } from 'zod';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { FlowContentInput } from './flow-content';

export const FLOW_DOCUMENT_FORMAT = 'omnitron.flow';
export const FLOW_DOCUMENT_VERSION = 1;

/**
 * The self-contained export of a flow. Credentials stay references (`credential: "<name>"`):
 * secrets live in the credential store, never in a flow, so nothing secret is exported.
 */
export const flowDocumentSchema = z.object({
  format: z.literal(FLOW_DOCUMENT_FORMAT),
  formatVersion: z.literal(FLOW_DOCUMENT_VERSION),
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()).optional(),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Reads an imported document, or VALIDATION_FAILED naming each bad field and what it got. */
export function readFlowDocument(document: unknown): FlowContentInput {
  const parsed = flowDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(document)';
      const got = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], document);
      return `${path}: ${issue.message} (got ${typeName(got)})`;
    });
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Not an ${FLOW_DOCUMENT_FORMAT} document: ${issues.join('; ')}`, { issues });
  }
  const { name, description, tags, nodes, edges } = parsed.data;
  return { name, description: description ?? '', tags: tags ?? [], nodes, edges: edges ?? [] };
}

export function toFlowDocument(flow: {
  name: string;
  description: string;
  tags: readonly string[];
  nodes: readonly unknown[];
  edges: readonly unknown[];
}): FlowDocument {
  return {
    format: FLOW_DOCUMENT_FORMAT,
    formatVersion: FLOW_DOCUMENT_VERSION,
    name: flow.name,
    description: flow.description,
    tags: [...flow.tags],
    nodes: [...flow.nodes],
    edges: [...flow.edges],
  };
}
