import type { ServerResponse } from 'node:http';
import { RESPOND_WITHHELD_HEADERS, type WebhookAnswer } from '@omnitron/nodes';

/** The ids of a flow's `respond` nodes: whichever of them finished last set a `respond: end` call's answer. */
export const respondNodeIdsOf = (nodes: ReadonlyArray<{ id: string; type: string }>): string[] => nodes.filter((node) => node.type === 'respond').map((node) => node.id);

/** Sends a respond node's answer, its headers filtered again (a flow never sets the platform's own). */
export function sendAnswer(res: ServerResponse, answer: WebhookAnswer, extra: Record<string, string>): void {
  const headers: Record<string, string> = {};
  // Checked by the node's config already; checked again because the output is data in the database.
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    if (!RESPOND_WITHHELD_HEADERS.has(name.toLowerCase()) && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && !/[\r\n\0]/.test(value)) headers[name.toLowerCase()] = value;
  }
  const text = answer.body === null || answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  if (text !== '' && !headers['content-type']) headers['content-type'] = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(answer.status, { ...headers, ...extra, 'content-length': String(Buffer.byteLength(text)) }).end(text);
}
