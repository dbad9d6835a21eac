import type { LocalSubscriptions } from '@omnitron/server-kit';
import { upstreamError, type Upstream, type UpstreamOperation, type UpstreamSink } from './upstream-subscription';

/**
 * The upstream of a subgraph hosted in this process: its subscriptions called in process (see
 * server-kit's LocalSubscriptions) instead of over a graphql-ws socket, with the caller handed over
 * instead of signed. Errors read as a socket's would: the subgraph's coded refusal as it is,
 * anything else as a retryable INTERNAL; `dispose` ends every stream as a closing socket does.
 */
export class InProcessUpstream implements Upstream {
  private readonly active = new Set<() => void>();

  constructor(private readonly subscriptions: LocalSubscriptions) {}

  subscribe(operation: UpstreamOperation, sink: UpstreamSink): () => void {
    let ended = false;
    const subgraph = this.subscriptions.name;
    const end = () => {
      ended = true;
      this.active.delete(endWithError);
    };
    const endWithError = () => {
      if (ended) return;
      end();
      unsubscribe();
      sink.error(upstreamError(subgraph, []));
    };
    this.active.add(endWithError);
    const unsubscribe = this.subscriptions.subscribe(
      { query: operation.query, variables: operation.variables },
      { caller: operation.caller, clientIp: operation.clientIp ?? null, requestId: operation.requestId },
      {
        next: (result) => {
          if (!ended) sink.next(result);
        },
        error: (errors) => {
          if (ended) return;
          end();
          sink.error(upstreamError(subgraph, errors));
        },
        complete: () => {
          if (ended) return;
          end();
          sink.complete();
        },
      },
    );
    return () => {
      if (ended) return;
      end();
      unsubscribe();
    };
  }

  /** Gateway shutdown: streams still open end with a retryable error, as on a closing socket. */
  async dispose(): Promise<void> {
    for (const endWithError of [...this.active]) endWithError();
  }
}
