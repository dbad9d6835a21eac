import { encodeForwardedWebhook, FORWARDED_WEBHOOK_TYPE, internalWebhookPath } from '@omnitron/schema';
import { routeOf, signCaller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';

export interface ForwardOptions {
  readonly method?: string;
  /** Bytes as sent; a string as UTF-8; anything else as JSON (with a JSON content type unless one is given). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly signingKey?: string;
  /** The URL the signature is made for. @default the path's internal URL */
  readonly signedFor?: string;
  /** Where to send it. @default the path's internal URL */
  readonly target?: string;
}

/** The internal URL of a webhook path on an executions subgraph whose GraphQL URL is `graphqlUrl`. */
export const internalWebhookUrl = (graphqlUrl: string, path: string) => `${graphqlUrl.replace(/\/graphql$/, '')}${internalWebhookPath(path)}`;

/** Sends a webhook request as the gateway forwards it: framed, to the path's internal URL, signed for it. */
export function forwardWebhook(graphqlUrl: string, path: string, options: ForwardOptions = {}): Promise<Response> {
  const url = options.target ?? internalWebhookUrl(graphqlUrl, path);
  const headers = { ...options.headers };
  let bytes: Buffer;
  if (Buffer.isBuffer(options.body)) bytes = options.body;
  else if (typeof options.body === 'string') bytes = Buffer.from(options.body);
  else if (options.body === undefined) bytes = Buffer.alloc(0);
  else {
    bytes = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] ??= 'application/json';
  }
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': FORWARDED_WEBHOOK_TYPE, ...signCaller(options.signingKey ?? TEST_SIGNING_KEY, routeOf('POST', options.signedFor ?? url), null) },
    body: encodeForwardedWebhook({ method: options.method ?? 'POST', headers, query: options.query ?? {} }, bytes),
  });
}
