/** How long a run started here is known by its workspace. @default 30_000 */
const REMEMBER_MS = 30_000;
/** Most runs remembered; the oldest are dropped first. @default 10_000 */
const MAX_REMEMBERED = 10_000;

/**
 * The workspace of each run this process started lately, so that a client following its run
 * right after starting it (the studio, any API client) is authorized without reading the run's row
 * again: a run's workspace never changes, and a run still unfinished when it was remembered keeps
 * its event stream (EVENT_STREAM_TTL_SECONDS after it ends, far longer than it is remembered), so
 * the feed needs nothing else of the row. Forgotten when the run's records are deleted here; a
 * deletion by another process within the window is not seen (its follower waits for events
 * instead of hearing NOT_FOUND; only finished runs are deleted, and their followers have ended).
 */
export class RecentOwners {
  /** Insertion order is expiry order: every entry lives the same time. */
  private readonly owners = new Map<string, { readonly workspaceId: string; readonly until: number }>();

  constructor(
    private readonly rememberMs = REMEMBER_MS,
    private readonly max = MAX_REMEMBERED,
  ) {}

  /** Remembers a run that has not finished yet. */
  remember(executionId: string, workspaceId: string): void {
    this.owners.delete(executionId);
    this.owners.set(executionId, { workspaceId, until: Date.now() + this.rememberMs });
    this.dropExpired();
  }

  /** The run's workspace, when it was started here lately; undefined otherwise. */
  workspaceOf(executionId: string): string | undefined {
    const owner = this.owners.get(executionId);
    if (!owner) return undefined;
    if (owner.until > Date.now()) return owner.workspaceId;
    this.owners.delete(executionId);
    return undefined;
  }

  forget(executionId: string): void {
    this.owners.delete(executionId);
  }

  get size(): number {
    return this.owners.size;
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [id, owner] of this.owners) {
      if (this.owners.size <= this.max && owner.until > now) return;
      this.owners.delete(id);
    }
  }
}
