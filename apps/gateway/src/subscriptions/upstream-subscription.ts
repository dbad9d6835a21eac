import { createClient, type Client } from 'graphql-ws';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';
import { ErrorCode, InternalHeader, OmnitronError, isErrorCode } from '@omnitron/schema';
import { signCaller, type Caller } from '@omnitron/server-kit';

export interface UpstreamSubscriptionOptions {
  /** The subgraph's name, for messages. */
  readonly subgraph: string;
  /** The subgraph's GraphQL URL (http or ws); graphql-ws is served on the same path. */
  readonly url: string;
  readonly signingKey: string;
  /** Forwarded in the signed internal header, signed when the socket connects. */
  readonly caller: Caller | null;
  /** The public client's address, forwarded (signed) like on HTTP. */
  readonly clientIp?: string;
  readonly requestId: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /**
   * Pings the subgraph this often and drops the socket when a pong does not come back within
   * half of it, so a subgraph host that vanished (no FIN) ends the stream instead of hanging it.
   * @default 10_000
   */
  readonly keepAliveMs?: number;
}

export interface UpstreamSink {
  next(result: FormattedExecutionResult): void;
  /** The stream failed: the subgraph answered with errors or went away. */
  error(error: OmnitronError): void;
  complete(): void;
}

/** graphql-ws speaks over ws(s):// URLs; subgraph URLs are configured as http(s)://. */
export function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, 'ws$1://');
}

/**
 * Subscribes to one subgraph over graphql-ws as `caller`. One socket per upstream subscription,
 * never retried: a lost socket ends the stream with an error, and the client resumes with
 * `afterSeq` (retrying here could silently skip events the subgraph emitted meanwhile).
 * Returns a function that unsubscribes and closes the socket.
 */
export function subscribeUpstream(options: UpstreamSubscriptionOptions, sink: UpstreamSink): () => void {
  let ended = false;
  let socket: WebSocket | undefined;
  let pongDue: NodeJS.Timeout | undefined;
  const keepAliveMs = options.keepAliveMs ?? 10_000;
  const client: Client = createClient({
    url: webSocketUrl(options.url),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    keepAlive: keepAliveMs,
    on: {
      connected: (connected) => (socket = connected as WebSocket),
      ping: (received) => {
        if (received) return;
        // terminate, not close: a hung peer would never complete the closing handshake.
        pongDue = setTimeout(() => socket?.terminate(), keepAliveMs / 2);
      },
      pong: (received) => {
        if (received) clearTimeout(pongDue);
      },
      closed: () => clearTimeout(pongDue),
    },
    // The signature has a maximum age, so it is made when the socket connects, not before.
    connectionParams: () => ({
      headers: { ...signCaller(options.signingKey, options.caller, Date.now(), options.clientIp), [InternalHeader.requestId]: options.requestId },
    }),
  });
  const finish = (): void => {
    ended = true;
    void client.dispose();
  };
  const unsubscribe = client.subscribe<Record<string, unknown>>(
    { query: options.query, variables: { ...options.variables } },
    {
      next: (result) => {
        if (!ended) sink.next(result as FormattedExecutionResult);
      },
      error: (error: unknown) => {
        if (ended) return;
        finish();
        sink.error(upstreamError(options.subgraph, error));
      },
      complete: () => {
        if (ended) return;
        finish();
        sink.complete();
      },
    },
  );
  return () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    void client.dispose();
  };
}

/** The subgraph's own coded error when it sent one; otherwise the subgraph went away. */
function upstreamError(subgraph: string, error: unknown): OmnitronError {
  if (Array.isArray(error) && error.length > 0) {
    const first = error[0] as GraphQLFormattedError;
    const code = first.extensions?.code;
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL) return new OmnitronError(code, first.message);
  }
  return new OmnitronError(
    ErrorCode.INTERNAL,
    `The ${subgraph} service stopped streaming events; subscribe again with afterSeq set to the last seq received to resume`,
    { subgraph, retryable: true },
  );
}
