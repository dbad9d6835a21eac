/**
 * How the gateway hands a webhook request to the executions subgraph's internal route: one line
 * of JSON with the request's method, headers and query, a `\n`, then the body's bytes exactly as
 * received. The bytes never pass through a parser or an encoding on the way, so a signature over
 * them (GitHub, Stripe, Slack) can be checked where the flow is known, and binary bodies arrive whole.
 */

export interface ForwardedWebhookMeta {
  readonly method: string;
  /** Lower-case names; credentials and hop-by-hop headers are withheld by the gateway. */
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

/** Content type of the internal request. */
export const FORWARDED_WEBHOOK_TYPE = 'application/x-omnitron-webhook';

/** Room the meta line may take on top of the body limit (headers arrive within node's 16 KiB, query within the URL). */
export const FORWARDED_META_MAX_BYTES = 65_536;

export function encodeForwardedWebhook(meta: ForwardedWebhookMeta, body: Buffer): Buffer {
  // JSON.stringify escapes every newline inside strings: the first `\n` ends the meta line.
  return Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`, 'utf8'), body]);
}

/** The meta and the body's bytes, or undefined when the framing is not what `encodeForwardedWebhook` makes. */
export function decodeForwardedWebhook(frame: Buffer): { meta: ForwardedWebhookMeta; body: Buffer } | undefined {
  const end = frame.indexOf(0x0a);
  if (end === -1 || end > FORWARDED_META_MAX_BYTES) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(frame.subarray(0, end).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isMeta(meta)) return undefined;
  return { meta, body: frame.subarray(end + 1) };
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

function isMeta(value: unknown): value is ForwardedWebhookMeta {
  if (typeof value !== 'object' || value === null) return false;
  const { method, headers, query } = value as Record<string, unknown>;
  return typeof method === 'string' && isStringRecord(headers) && isStringRecord(query);
}
