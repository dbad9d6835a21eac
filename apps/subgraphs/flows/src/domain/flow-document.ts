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
  /** Where the export blanked a literal secret (`<nodeId>.headers.<name>`); informational on import. */
  redacted: z.array(z.string()).optional(),
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

/** Headers that carry credentials; a literal value in one is blanked on export. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Secrets belong in credentials (`credential: "<name>"`, exported as the reference). A secret typed
 * straight into a header is blanked, and the document lists where, so an export never leaks one.
 */
function redactNode(node: unknown, redacted: string[]): unknown {
  if (!isRecord(node) || !isRecord(node.data) || !isRecord(node.data.headers)) return node;
  const headers = { ...node.data.headers };
  for (const name of Object.keys(headers)) {
    if (!SECRET_HEADER.test(name) || headers[name] === '') continue;
    headers[name] = '';
    redacted.push(`${String(node.id)}.headers.${name}`);
  }
  return { ...node, data: { ...node.data, headers } };
}

export function toFlowDocument(flow: {
  name: string;
  description: string;
  tags: readonly string[];
  nodes: readonly unknown[];
  edges: readonly unknown[];
}): FlowDocument {
  const redacted: string[] = [];
  const nodes = flow.nodes.map((node) => redactNode(node, redacted));
  return {
    format: FLOW_DOCUMENT_FORMAT,
    formatVersion: FLOW_DOCUMENT_VERSION,
    name: flow.name,
    description: flow.description,
    tags: [...flow.tags],
    nodes,
    edges: [...flow.edges],
    ...(redacted.length > 0 ? { redacted } : {}),
  };
}
