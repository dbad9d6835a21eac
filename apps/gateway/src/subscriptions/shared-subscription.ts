import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from '@omnitron/server-kit';
import { ErrorCode, OmnitronError, isErrorCode } from '@omnitron/schema';
import type { Subscriber } from './subscriber';
import type { UpstreamSink } from './upstream-subscription';

export interface SharedSubscriptionOptions {
  /** Subscribes upstream; returns the function that unsubscribes. */
  readonly start: (sink: UpstreamSink) => () => void;
  /** Turns one upstream payload into the client's result (other subgraphs' fields, errors formatted). */
  readonly resolve: (upstream: FormattedExecutionResult) => Promise<FormattedExecutionResult>;
  /** Events kept so late joiners get the whole stream; past it, late joiners get their own upstream. */
  readonly historyLimit: number;
  /** Called once when the stream ends (completed, failed, or nobody listening). */
  readonly onEnd: () => void;
  readonly log: Logger;
}

/**
 * One upstream subscription shared by every client asking the same thing as the same kind of
 * caller. Each event is resolved once, in upstream order (resolutions overlap, deliveries do
 * not), kept for late joiners, and pushed to every subscriber's bounded queue.
 */
export class SharedSubscription {
  private readonly subscribers = new Set<Subscriber>();
  private readonly history: FormattedExecutionResult[] = [];
  private historyComplete = true;
  private ended = false;
  private delivered: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: SharedSubscriptionOptions) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber and replays the events already delivered. False when this stream cannot
   * give it every event (it ended, or dropped old events); the caller then starts a new stream.
   */
  attach(subscriber: Subscriber): boolean {
    if (this.ended || !this.historyComplete) return false;
    this.subscribers.add(subscriber);
    subscriber.onDetach(() => this.detach(subscriber));
    for (const result of this.history) if (!subscriber.push(result)) return true;
    this.unsubscribe ??= this.options.start({
      next: (payload) => this.enqueue(payload),
      error: (error) => this.finish(error),
      complete: () => this.finish(),
    });
    return true;
  }

  /** Ends the stream now, for every subscriber (gateway shutdown). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe?.();
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }

  private detach(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0 || this.ended) return;
    this.ended = true;
    this.unsubscribe?.();
    this.options.onEnd();
  }

  private enqueue(payload: FormattedExecutionResult): void {
    if (payload.data == null && payload.errors?.length) {
      // The subgraph refused the subscription (e.g. NOT_FOUND): an error, not an event.
      const [first] = payload.errors;
      const code = first?.extensions?.code;
      const error = new OmnitronError(isErrorCode(code) ? code : ErrorCode.INTERNAL, first?.message ?? 'Subscription failed');
      this.unsubscribe?.();
      this.finish(error);
      return;
    }
    const resolved = this.options.resolve(payload);
    this.delivered = this.delivered.then(async () => {
      let result: FormattedExecutionResult;
      try {
        result = await resolved;
      } catch (error) {
        this.options.log.error({ err: error }, 'resolving a subscription event failed');
        result = { errors: [{ message: 'Internal error', extensions: { code: ErrorCode.INTERNAL } }] };
      }
      this.deliver(result);
    });
  }

  private deliver(result: FormattedExecutionResult): void {
    if (this.ended) return;
    this.history.push(result);
    if (this.history.length > this.options.historyLimit) {
      this.history.shift();
      this.historyComplete = false;
    }
    for (const subscriber of this.subscribers) subscriber.push(result);
  }

  /** Ends (or, with an error, fails) every subscriber after the events still being resolved are delivered. */
  private finish(error?: OmnitronError): void {
    this.delivered = this.delivered.then(() => {
      if (this.ended) return;
      this.ended = true;
      for (const subscriber of this.subscribers) {
        if (error) subscriber.fail(error);
        else subscriber.end();
      }
      this.subscribers.clear();
      this.options.onEnd();
    });
  }
}
