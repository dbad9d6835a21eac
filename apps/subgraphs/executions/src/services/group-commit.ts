interface Pending<T, R> {
  readonly item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/** A write's result for one item that failed alone: that item's promise rejects with `error`. */
export class ItemFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit: an item is written at once when nothing is being written; items that come while a
 * write is in flight wait for it and then go out together, up to `batchMax()` per write (one
 * transaction, one WAL flush for all of them). Each item's promise settles with its own result of
 * the write that held it (rejected for an ItemFailed); a write that throws rejects every item it held. The worker's
 * RunCommitter and the ephemeral RunRecorder each write through one.
 */
export class GroupCommit<T, R> {
  private waiting: Array<Pending<T, R>> = [];
  private writing: Promise<void> | undefined;

  constructor(
    /** Writes `items` together; its result holds one entry per item, in order. */
    private readonly write: (items: readonly T[]) => Promise<ReadonlyArray<R | ItemFailed>>,
    private readonly batchMax: () => number,
  ) {}

  /** Items waiting for a write, not counting the write in flight. */
  get backlog(): number {
    return this.waiting.length;
  }

  /** Queues `item`; settles once the write that holds it has. */
  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves once every item pushed so far has been written (or failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.batchMax());
        try {
          const results = await this.write(batch.map((pending) => pending.item));
          batch.forEach((pending, index) => {
            const result = results[index]!;
            if (result instanceof ItemFailed) pending.reject(result.error);
            else pending.resolve(result);
          });
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
