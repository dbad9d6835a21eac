import type { Redis } from 'ioredis';
import type { ExecutionEventRecord } from './execution-event';

/**
 * Live events a follower holds before it reads them. Past this, the held events are dropped and
 * the follower reads the stream instead (the stream is the record; live delivery only saves reads).
 */
const MAX_HELD_EVENTS = 1_000;

/** What a follower does next: deliver a live event, or read the stream after its last seq. */
export type LiveStep = { readonly event: ExecutionEventRecord } | { readonly reread: true };

/**
 * One subscriber's live view of an execution: the events published after it joined, in order.
 * It says `reread` when live delivery may have missed something (it fell behind, the pub/sub
 * connection was re-established, or nothing came for a while), so that the follower reads the
 * stream: the stream is gapless, pub/sub is not.
 */
export class LiveFollower {
  private held: ExecutionEventRecord[] = [];
  private reread = false;
  private wake: (() => void) | undefined;

  push(event: ExecutionEventRecord): void {
    if (this.held.length >= MAX_HELD_EVENTS) this.resync();
    else {
      this.held.push(event);
      this.wake?.();
    }
  }

  /** Live delivery may have missed events: the next step is a read of the stream. */
  resync(): void {
    this.reread = true;
    this.held = [];
    this.wake?.();
  }

  /** The next live event; `reread` after `idleMs` without one, or when the signal aborts. */
  async next(idleMs: number, signal: AbortSignal): Promise<LiveStep> {
    for (;;) {
      if (this.reread || signal.aborted) {
        this.reread = false;
        this.held = [];
        return { reread: true };
      }
      const event = this.held.shift();
      if (event) return { event };
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(() => {
          this.reread = true;
          done();
        }, idleMs);
        signal.addEventListener('abort', done, { once: true });
        this.wake = done;
      });
    }
  }
}

interface Channel {
  readonly executionId: string;
  readonly followers: Set<LiveFollower>;
  /** Settles once Redis confirmed the subscription: every later publish reaches us. */
  readonly subscribed: Promise<void>;
}

/**
 * How long a channel nobody follows any more stays subscribed before one UNSUBSCRIBE drops every
 * such channel together. A run's followers leave one by one, each leaving was a command (a write
 * on the pub/sub socket, a reply to parse); a follower joining again meanwhile keeps the channel.
 * @default 1_000
 */
const UNSUBSCRIBE_AFTER_MS = 1_000;

/**
 * Every live event stream this process follows, over one pub/sub connection: the append script
 * publishes each event on its execution's channel, this process subscribes to a channel while at
 * least one of its subscribers follows that execution, and hands each message to them. Replaces a
 * blocking XREAD connection per subscriber (a TCP connection and a ready check each). Channels
 * joined in the same tick are subscribed with one SUBSCRIBE; channels left are unsubscribed in
 * batches (see UNSUBSCRIBE_AFTER_MS); messages of a channel nobody follows are dropped.
 */
export class LiveEvents {
  private readonly channels = new Map<string, Channel>();
  /** Channels left, still subscribed until the next batch of UNSUBSCRIBE: what rejoining them waits for. */
  private readonly leaving = new Map<string, Promise<void>>();
  private leaveTimer: NodeJS.Timeout | undefined;
  /** Channels joined this tick, subscribed together when it ends. */
  private joining: { channels: string[]; subscribed: Promise<void> } | undefined;
  private subscriber: Redis | undefined;
  private connectedOnce = false;

  constructor(
    /** Opens the pub/sub connection (on first use). */
    private readonly connect: () => Redis,
    /** A message's events, in seq order; undefined when it cannot be read (followers then read the stream). */
    private readonly decode: (executionId: string, message: string) => readonly ExecutionEventRecord[] | undefined,
    /** See UNSUBSCRIBE_AFTER_MS. */
    private readonly unsubscribeAfterMs = UNSUBSCRIBE_AFTER_MS,
  ) {}

  /** Channels followed now (tests). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Channels subscribed in Redis now or soon: followed ones and those left but not yet unsubscribed (tests). */
  get subscribedCount(): number {
    return this.channels.size + this.leaving.size;
  }

  /**
   * Starts delivering `channel`'s events to a new follower. Once `ready` resolves, every event
   * appended afterwards reaches it; a read of the stream then covers what came before.
   */
  join(channel: string, executionId: string): { follower: LiveFollower; ready: Promise<void>; leave: () => void } {
    const subscriber = this.connection();
    let entry = this.channels.get(channel);
    if (!entry) {
      // Left and not yet unsubscribed: still subscribed, no command needed.
      const stillSubscribed = this.leaving.get(channel);
      this.leaving.delete(channel);
      entry = { executionId, followers: new Set(), subscribed: stillSubscribed ?? this.subscribe(subscriber, channel) };
      this.channels.set(channel, entry);
    }
    const follower = new LiveFollower();
    entry.followers.add(follower);
    const joined = entry;
    return {
      follower,
      ready: joined.subscribed,
      leave: () => {
        joined.followers.delete(follower);
        if (joined.followers.size > 0 || this.channels.get(channel) !== joined) return;
        this.channels.delete(channel);
        this.leaving.set(channel, joined.subscribed);
        this.leaveTimer ??= setTimeout(() => this.unsubscribeLeft(subscriber), this.unsubscribeAfterMs).unref();
      },
    };
  }

  /** Subscribes `channel` with the other channels joined in this tick, in one command. */
  private subscribe(subscriber: Redis, channel: string): Promise<void> {
    if (!this.joining) {
      const channels: string[] = [];
      const subscribed = new Promise<void>((resolve) => process.nextTick(resolve)).then(async () => {
        if (this.joining?.channels === channels) this.joining = undefined;
        await subscriber.subscribe(...channels);
      });
      // A failed SUBSCRIBE is not kept for followers joining again (each follower sees it fail).
      subscribed.catch(() => {
        for (const left of channels) if (this.leaving.get(left) === subscribed) this.leaving.delete(left);
      });
      this.joining = { channels, subscribed };
    }
    this.joining.channels.push(channel);
    return this.joining.subscribed;
  }

  private unsubscribeLeft(subscriber: Redis): void {
    this.leaveTimer = undefined;
    const channels = [...this.leaving.keys()];
    this.leaving.clear();
    // Commands on one connection run in order: a later SUBSCRIBE to one of them still takes effect.
    if (channels.length > 0 && this.subscriber === subscriber) subscriber.unsubscribe(...channels).catch(() => undefined);
  }

  private connection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.connect();
    subscriber.on('message', (channel: string, message: string) => {
      const entry = this.channels.get(channel);
      if (!entry) return;
      const events = this.decode(entry.executionId, message);
      for (const follower of entry.followers) {
        if (!events) follower.resync();
        else for (const event of events) follower.push(event);
      }
    });
    // ioredis subscribes again after a reconnect; what was published meanwhile is read from the streams.
    subscriber.on('ready', () => {
      if (this.connectedOnce) for (const entry of this.channels.values()) for (const follower of entry.followers) follower.resync();
      this.connectedOnce = true;
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  close(): void {
    clearTimeout(this.leaveTimer);
    this.leaveTimer = undefined;
    this.leaving.clear();
    this.joining = undefined;
    this.subscriber?.disconnect();
    this.subscriber = undefined;
    for (const entry of this.channels.values()) for (const follower of entry.followers) follower.resync();
    this.channels.clear();
  }
}
