import { createHash, createHmac } from 'node:crypto';

/** The public door of resume URLs: the gateway forwards `/webhooks-resume/<token>` to `INTERNAL_WEBHOOK_RESUME_PREFIX`. */
export const RESUME_URL_PREFIX = '/webhooks-resume/';

/**
 * The token of the resume URL of `wait` node `nodeId` in run `executionId`: an HMAC under the
 * install's signing key, so it is unguessable, unique per run and node, and known to the run from
 * its start (`$resume.<nodeId>` in expressions, for a node before the wait that sends the link),
 * while the database keeps only its hash (`tokenHashOf`).
 */
export function resumeTokenOf(signingKey: string, executionId: string, nodeId: string): string {
  return createHmac('sha256', signingKey).update(`wait-resume\0${executionId}\0${nodeId}`).digest('hex');
}

/** What the database keeps of a resume token: its SHA-256, hex. */
export const tokenHashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A run's resume URLs, by `wait` node id, for the wait nodes in webhook or approval mode of `graph`. */
export function resumeUrlsOf(signingKey: string, executionId: string, graph: { nodes: ReadonlyArray<{ id: string; type: string; data: Record<string, unknown> }> }, base = ''): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const node of graph.nodes) {
    if (node.type === 'wait' && (node.data.mode === 'webhook' || node.data.mode === 'approval')) urls[node.id] = `${base}${RESUME_URL_PREFIX}${resumeTokenOf(signingKey, executionId, node.id)}`;
  }
  return urls;
}
