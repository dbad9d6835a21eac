type Ending = { kind: 'end' } | { kind: 'error'; error: unknown };

/**
 * A push-to-pull queue: a producer `push`es, one consumer pulls with `for await`. It never holds
 * more than `limit` undelivered items, so a consumer that reads slowly cannot grow memory without
 * bound: the push that would exceed the limit is refused (false), and the owner decides what
 * that means (the Subscriber closes the client's socket).
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private readonly failures: Array<(error: unknown) => void> = [];
  private ending: Ending | undefined;
  private done = false;

  constructor(
    /** Most items held before the consumer takes them. */
    readonly limit: number,
    /** Called once when the consumer stops early (`return()`), e.g. the client unsubscribed. */
    private readonly onReturn: () => void = () => {},
  ) {}

  get size(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.done || this.ending !== undefined;
  }

  /** Queues an item; false (and nothing queued) when the queue is closed or full. */
  push(item: T): boolean {
    if (this.closed) return false;
    const resolve = this.waiting.shift();
    if (resolve) {
      this.failures.shift();
      resolve({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.limit) return false;
    this.items.push(item);
    return true;
  }

  /** Ends after the queued items are delivered. */
  end(): void {
    this.settle({ kind: 'end' });
  }

  /** Throws `error` to the consumer after the queued items are delivered. */
  fail(error: unknown): void {
    this.settle({ kind: 'error', error });
  }

  /** Drops the queued items and ends at once (the consumer is gone or too slow). */
  abort(): void {
    this.items.length = 0;
    this.settle({ kind: 'end' });
  }

  private settle(ending: Ending): void {
    if (this.closed) return;
    this.ending = ending;
    if (this.items.length === 0) this.flushWaiting();
  }

  /** Settles consumers waiting on an empty queue once it has ended. */
  private flushWaiting(): void {
    while (this.waiting.length > 0) {
      const resolve = this.waiting.shift()!;
      const reject = this.failures.shift()!;
      if (this.ending?.kind === 'error' && !this.done) reject(this.ending.error);
      else resolve({ value: undefined, done: true });
      this.done = true;
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.ending?.kind === 'error' && !this.done) {
      this.done = true;
      return Promise.reject(this.ending.error);
    }
    if (this.done || this.ending) {
      this.done = true;
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.failures.push(reject);
    });
  }

  return(): Promise<IteratorResult<T>> {
    const wasOpen = !this.done;
    this.items.length = 0;
    this.ending ??= { kind: 'end' };
    this.done = true;
    this.flushWaiting();
    if (wasOpen) this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
