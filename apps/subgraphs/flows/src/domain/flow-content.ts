import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { generateWebhookPath, ProblemCode, validateFlow, type FlowProblem } from '@omnitron/nodes';
import type { FlowsSettings } from '../settings';

/** What a save sends: React Flow's nodes and edges plus the flow's metadata. */
export interface FlowContentInput {
  readonly name: string;
  readonly description?: string | null;
  readonly tags?: readonly string[] | null;
  readonly nodes: unknown;
  readonly edges?: unknown;
}

/** A flow ready to store: metadata normalized, webhook paths filled, problems attached. */
export interface CheckedFlowContent {
  readonly name: string;
  readonly description: string;
  readonly tags: string[];
  readonly nodes: unknown[];
  readonly edges: unknown[];
  readonly valid: boolean;
  readonly problems: FlowProblem[];
}

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const TAGS_MAX = 20;
export const TAG_MAX = 50;

/**
 * Problems that make a document unrepresentable (the studio could not draw it, the engine could
 * not address its parts): a save with any of them is refused. Every other problem (unknown type,
 * invalid config or expression, bad handle, cycle, no trigger) is a draft: saved, `valid: false`.
 */
export const BLOCKING_PROBLEMS: ReadonlySet<string> = new Set([
  ProblemCode.INVALID_SHAPE,
  ProblemCode.DUPLICATE_ID,
  ProblemCode.DANGLING_EDGE,
]);

const validationFailed = (message: string, details?: Record<string, unknown>): OmnitronError =>
  new OmnitronError(ErrorCode.VALIDATION_FAILED, message, details);

function checkName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw validationFailed('name must not be empty', { field: 'name' });
  if (name.length > NAME_MAX) {
    throw validationFailed(`name is ${name.length} characters; the limit is ${NAME_MAX}`, { field: 'name' });
  }
  return name;
}

function checkDescription(raw: string | null | undefined): string {
  const description = raw ?? '';
  if (description.length > DESCRIPTION_MAX) {
    throw validationFailed(`description is ${description.length} characters; the limit is ${DESCRIPTION_MAX}`, { field: 'description' });
  }
  return description;
}

/** Trims, drops empties and case-insensitive duplicates; tags are short plain labels. */
export function normalizeTags(raw: readonly string[] | null | undefined): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const value of raw ?? []) {
    const tag = value.trim();
    if (tag.length === 0 || seen.has(tag.toLowerCase())) continue;
    // Tags end up in a U+001F separated index, so control characters are refused.
    if (tag.length > TAG_MAX || /\p{Cc}/u.test(tag)) {
      throw validationFailed(`tag "${tag.slice(0, TAG_MAX)}" must be at most ${TAG_MAX} printable characters`, { field: 'tags' });
    }
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  if (tags.length > TAGS_MAX) throw validationFailed(`a flow takes at most ${TAGS_MAX} tags, got ${tags.length}`, { field: 'tags' });
  return tags;
}

function checkSize(nodes: unknown[], edges: unknown[], settings: FlowsSettings): void {
  if (nodes.length > settings.maxNodes || edges.length > settings.maxNodes * 8) {
    throw new OmnitronError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `flow has ${nodes.length} nodes and ${edges.length} edges; the limit is ${settings.maxNodes} nodes and ${settings.maxNodes * 8} edges`,
      { maxNodes: settings.maxNodes },
    );
  }
  const bytes = Buffer.byteLength(JSON.stringify({ nodes, edges }));
  if (bytes > settings.maxDocumentBytes) {
    throw new OmnitronError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `flow document is ${bytes} bytes; the limit is ${settings.maxDocumentBytes}`,
      { limitBytes: settings.maxDocumentBytes },
    );
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A webhook trigger saved without a path gets an unguessable one, kept by later saves. */
function fillWebhookPaths(nodes: unknown[]): unknown[] {
  return nodes.map((node) => {
    if (!isRecord(node) || node.type !== 'trigger.webhook') return node;
    const data = node.data ?? {};
    if (!isRecord(data) || (data.path !== undefined && data.path !== '')) return node;
    return { ...node, data: { ...data, path: generateWebhookPath() } };
  });
}

function describeBlocking(problems: readonly FlowProblem[]): string {
  const shown = problems.slice(0, 5).map((problem) => problem.message);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return `Flow cannot be saved: ${shown.join('; ')}${more}`;
}

/** A save's content with every problem, the blocking ones apart (for `validateFlow`, which only reports). */
export interface InspectedFlowContent extends CheckedFlowContent {
  readonly blocking: FlowProblem[];
}

/** Checks metadata and size (throwing), then lists the catalog's problems without refusing any. */
export function inspectFlowContent(input: FlowContentInput, settings: FlowsSettings): InspectedFlowContent {
  const name = checkName(input.name);
  const description = checkDescription(input.description);
  const tags = normalizeTags(input.tags);
  if (!Array.isArray(input.nodes)) throw validationFailed('nodes must be an array of React Flow nodes', { field: 'nodes' });
  const rawEdges = input.edges ?? [];
  if (!Array.isArray(rawEdges)) throw validationFailed('edges must be an array of React Flow edges', { field: 'edges' });
  checkSize(input.nodes, rawEdges, settings);
  const nodes = fillWebhookPaths(input.nodes);
  const { valid, problems } = validateFlow({ nodes, edges: rawEdges }, { maxNodes: settings.maxNodes });
  const blocking = problems.filter((problem) => BLOCKING_PROBLEMS.has(problem.code));
  return { name, description, tags, nodes, edges: rawEdges, valid, problems, blocking };
}

/**
 * Checks a save: metadata, size, then the catalog's validation. Structural problems refuse the
 * save with VALIDATION_FAILED (`extensions.problems` lists them); the rest travel with the draft.
 */
export function checkFlowContent(input: FlowContentInput, settings: FlowsSettings): CheckedFlowContent {
  const { blocking, ...content } = inspectFlowContent(input, settings);
  if (blocking.length > 0) throw validationFailed(describeBlocking(blocking), { problems: blocking });
  return content;
}
