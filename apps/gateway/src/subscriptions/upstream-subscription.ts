import { createClient, type Client } from 'graphql-ws';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';
import { ErrorCode, InternalHeader, OmnitronError, isErrorCode } from '@omnitron/schema';
import { signCaller, socketRoute, type Caller, type SignedRoute } from '@omnitron/server-kit';

export interface UpstreamConnectionOptions {
  /** The subgraph's name, for messages. */
  readonly subgraph: string;
  /** The subgraph's GraphQL URL (http or ws); graphql-ws is served on the same path. */
  readonly url: string;
  readonly signingKey: string;
  /**
   * Pings the subgraph this often and drops the socket when a pong does not come back within
   * half of it, so a subgraph host that vanished (no FIN) ends its streams instead of hanging them.
   * @default 10_000
   */
  readonly keepAliveMs?: number;
  /** The socket closes once it has carried no subscription for this long. @default 30_000 */
  readonly idleCloseMs?: number;
}

/** One subscription sent to the subgraph, acting as `caller`. */
export interface UpstreamOperation {
  /** Forwarded in the operation's signed headers, signed when it is sent. */
  readonly caller: Caller | null;
  /** The public client's address, forwarded (signed) like on HTTP. */
  readonly clientIp?: string;
  readonly requestId: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface UpstreamSink {
  next(result: FormattedExecutionResult): void;
  /** The stream failed: the subgraph answered with errors or went away. */
  error(error: OmnitronError): void;
  complete(): void;
}

/** A subgraph's subscriptions as the hub uses them: over a socket (`UpstreamConnection`) or in process (`InProcessUpstream`). */
export interface Upstream {
  /** Subscribes as the operation's caller; returns the function that unsubscribes. */
  subscribe(operation: UpstreamOperation, sink: UpstreamSink): () => void;
  /** Ends every stream (gateway shutdown) with a retryable error. */
  dispose(): Promise<void>;
}

/** graphql-ws speaks over ws(s):// URLs; subgraph URLs are configured as http(s)://. */
export function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, 'ws$1://');
}

/**
 * The gateway's one graphql-ws connection to a subgraph, multiplexing every upstream subscription
 * to it (graphql-ws gives each operation its own id on the socket). The socket is opened by the
 * first subscription and closed after `idleCloseMs` without any.
 *
 * The connection itself is signed as the gateway (anonymous caller); each operation carries its
 * own caller in `extensions.headers`, signed when the operation is sent, exactly like the headers
 * of an HTTP request. A subgraph checks that signature per operation.
 *
 * Never retried: a lost socket ends every stream on it with a retryable error, and clients
 * resume with `afterSeq` (re-subscribing here could silently skip events emitted meanwhile).
 * The next subscription opens a new socket.
 */
export class UpstreamConnection implements Upstream {
  private readonly client: Client;
  /** The socket's upgrade request, the one route its signatures are good for (see `socketRoute`). */
  private readonly route: SignedRoute;
  private socket: WebSocket | undefined;
  private pongDue: NodeJS.Timeout | undefined;

  constructor(private readonly options: UpstreamConnectionOptions) {
    const keepAliveMs = options.keepAliveMs ?? 10_000;
    this.route = socketRoute(webSocketUrl(options.url));
    this.client = createClient({
      url: webSocketUrl(options.url),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: options.idleCloseMs ?? 30_000,
      retryAttempts: 0,
      keepAlive: keepAliveMs,
      on: {
        // The socket is known from `opened`, not `connected`: pings start before the subgraph
        // acknowledges the connection, so a peer that hangs mid-handshake is cut like any other.
        // (graphql-ws's connectionAckWaitTimeout would not do: it closes politely, which waits
        // 30 s for a hung peer's closing frame.)
        opened: (opened) => {
          this.socket = opened as WebSocket;
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(this.pongDue);
          // terminate, not close: a hung peer would never complete the closing handshake.
          const socket = this.socket;
          this.pongDue = setTimeout(() => socket?.terminate(), keepAliveMs / 2);
        },
        pong: (received) => {
          if (received) clearTimeout(this.pongDue);
        },
        closed: () => {
          clearTimeout(this.pongDue);
          this.socket = undefined;
        },
      },
      // The signature has a maximum age, so it is made when the socket connects, not before.
      connectionParams: () => ({ headers: signCaller(options.signingKey, this.route, null, Date.now()) }),
    });
  }

  /** Subscribes as the operation's caller; returns the function that unsubscribes. */
  subscribe(operation: UpstreamOperation, sink: UpstreamSink): () => void {
    let ended = false;
    const { signingKey, subgraph } = this.options;
    const headers = { ...signCaller(signingKey, this.route, operation.caller, Date.now(), operation.clientIp), [InternalHeader.requestId]: operation.requestId };
    const unsubscribe = this.client.subscribe<Record<string, unknown>>(
      { query: operation.query, variables: { ...operation.variables }, extensions: { headers } },
      {
        next: (result) => {
          if (!ended) sink.next(result as FormattedExecutionResult);
        },
        error: (error: unknown) => {
          if (ended) return;
          ended = true;
          sink.error(upstreamError(subgraph, error));
        },
        complete: () => {
          if (ended) return;
          ended = true;
          sink.complete();
        },
      },
    );
    return () => {
      if (ended) return;
      ended = true;
      unsubscribe();
    };
  }

  /** Closes the socket (gateway shutdown); streams still on it end with a retryable error. */
  async dispose(): Promise<void> {
    clearTimeout(this.pongDue);
    await this.client.dispose();
  }
}

/** The subgraph's own coded error when it sent one; otherwise the subgraph went away. */
export function upstreamError(subgraph: string, error: unknown): OmnitronError {
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
