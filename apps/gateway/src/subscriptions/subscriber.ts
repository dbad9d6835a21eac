import type { FormattedExecutionResult } from 'graphql';
import { BoundedQueue } from './bounded-queue';
import { SubscriptionCloseCode } from './close-codes';

/** The part of a `ws` socket a subscriber watches. */
export interface SubscriberSocket {
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

export interface SubscriberLimits {
  /**
   * Events waiting for one client before its socket is closed as too slow. Queued events are
   * shared objects (one per event, not per client); keep it above the stream history limit so a
   * late joiner's replay fits. @default 5_000
   */
  readonly maxQueuedEvents: number;
  /** Bytes the socket may hold unsent before it is closed as too slow. @default 4_194_304 */
  readonly maxBufferedBytes: number;
}

export interface SubscriberOptions extends SubscriberLimits {
  /** Told when this subscriber's socket is closed as too slow (metrics). */
  readonly onSlowConsumer?: () => void;
}

/**
 * One client operation receiving a shared stream's events. Its queue is bounded: when the client
 * falls `maxQueuedEvents` behind (or its socket holds `maxBufferedBytes` unsent), the socket is
 * closed with 4408 and the events are dropped, instead of growing the gateway's memory.
 */
export class Subscriber {
  readonly queue: BoundedQueue<FormattedExecutionResult>;
  private detach: () => void = () => {};

  constructor(
    private readonly socket: SubscriberSocket,
    private readonly limits: SubscriberOptions,
  ) {
    this.queue = new BoundedQueue(limits.maxQueuedEvents, () => this.detach());
  }

  /** Called by the stream it joins; run when the client stops or falls too far behind. */
  onDetach(detach: () => void): void {
    this.detach = detach;
  }

  /** Delivers one event; false when the subscriber is gone (closed or too slow). */
  push(result: FormattedExecutionResult): boolean {
    if (this.queue.closed) return false;
    if (this.socket.bufferedAmount <= this.limits.maxBufferedBytes && this.queue.push(result)) return true;
    this.overflow();
    return false;
  }

  end(): void {
    this.queue.end();
  }

  fail(error: unknown): void {
    this.queue.fail(error);
  }

  private overflow(): void {
    this.limits.onSlowConsumer?.();
    this.queue.abort();
    this.detach();
    this.socket.close(
      SubscriptionCloseCode.SlowConsumer,
      `Slow consumer: more than ${this.limits.maxQueuedEvents} events waiting; reconnect and resume with afterSeq`,
    );
  }
}
