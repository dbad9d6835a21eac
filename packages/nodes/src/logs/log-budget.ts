import { utf8Length, utf8Prefix } from './utf8';

/**
 * What a stored log line costs on top of its text: its stream entry and row (type, node, time,
 * level, JSON envelope). Charging it, as CloudWatch Logs charges 26 bytes per event, bounds a
 * flood of tiny lines as well as a few huge ones.
 */
export const LOG_LINE_OVERHEAD_BYTES = 128;

/** Kept free in every budget for its one final marker (text, data and overhead are under 300 bytes). */
const MARKER_RESERVE_BYTES = 384;

/** The smallest line limit that still holds a truncation marker and some text. */
export const MIN_LOG_LINE_BYTES = 256;

/** The smallest budget that holds one line besides its marker. */
export const MIN_LOG_BUDGET_BYTES = MARKER_RESERVE_BYTES + LOG_LINE_OVERHEAD_BYTES + MIN_LOG_LINE_BYTES;

/** How many lines and bytes of log text were not stored. */
export interface DroppedLogs {
  lines: number;
  bytes: number;
}

/** A final marker line: its text, and its counts as the LOG event's data (`{ dropped }`). */
export interface DropMarker {
  readonly text: string;
  readonly data: { readonly dropped: DroppedLogs };
}

/** The counts a marker line carries, when `data` is one (a marker passed on from another budget). */
export function droppedOf(data: unknown): DroppedLogs | undefined {
  const dropped = (data as { dropped?: Partial<DroppedLogs> } | null | undefined)?.dropped;
  if (typeof dropped?.lines !== 'number' || typeof dropped.bytes !== 'number') return undefined;
  return { lines: dropped.lines, bytes: dropped.bytes };
}

const grouped = (n: number): string => n.toLocaleString('en-US');

/** Ends a line cut short: the bytes it lost. */
export const truncatedMarker = (omittedBytes: number): string => `… [truncated ${grouped(omittedBytes)} bytes]`;

/** The one line that stands for every line a budget dropped. */
export const droppedMarker = (dropped: DroppedLogs): string =>
  `[further logs dropped: ${grouped(dropped.lines)} lines, ${grouped(dropped.bytes)} bytes]`;

/**
 * `text` within `maxBytes` UTF-8 bytes: whole when it fits, else its longest prefix that leaves
 * room for a truncation marker, and the marker. `totalBytes` is the size of the whole text when
 * `text` is only its head (the sandbox measures a tail it never copies out).
 */
export function fitLine(text: string, maxBytes: number, totalBytes = utf8Length(text)): string {
  if (totalBytes <= maxBytes) return text;
  // The marker for the whole size is at least as long as the one for the part actually omitted.
  const room = Math.max(0, maxBytes - utf8Length(truncatedMarker(totalBytes)));
  const kept = utf8Prefix(text, room);
  return kept + truncatedMarker(totalBytes - utf8Length(kept));
}

/** The stored size of a line: its text and data plus the per-line overhead. */
export const lineCost = (textBytes: number): number => textBytes + LOG_LINE_OVERHEAD_BYTES;

/**
 * The bytes the log lines of one scope (a node run, a run) may take together. Lines are charged
 * while they fit; the first one that does not closes the budget, so every later line is dropped
 * too and one final marker stands for "everything after this point", counted in `dropped`. The
 * marker itself is paid from a reserve, so the scope never stores more than `maxBytes`.
 */
export class LogBudget {
  private used = 0;
  private closed = false;
  private marked = false;
  readonly dropped: DroppedLogs = { lines: 0, bytes: 0 };

  constructor(private readonly maxBytes: number) {}

  /** Whether a line of this cost may be stored (the reserve stays free). */
  fits(cost: number): boolean {
    return !this.closed && this.used + cost <= this.maxBytes - MARKER_RESERVE_BYTES;
  }

  /** Whether a marker of another scope (a node's, in a run) may still be stored, closed or not. */
  fitsMarker(cost: number): boolean {
    return this.used + cost <= this.maxBytes - MARKER_RESERVE_BYTES;
  }

  charge(cost: number): void {
    this.used += cost;
  }

  /** Stores no more lines (another budget over this one ran out); counts nothing. */
  close(): void {
    this.closed = true;
  }

  /** Counts lines that were not stored, and stores no more. */
  drop(lines: number, bytes: number): void {
    this.closed = true;
    this.dropped.lines += lines;
    this.dropped.bytes += bytes;
  }

  /**
   * The final marker when something was dropped, paid from the reserve (where it always fits).
   * Only once: the scope is closed for good afterwards.
   */
  takeMarker(): DropMarker | undefined {
    if (this.marked || this.dropped.lines === 0) return undefined;
    this.marked = true;
    this.closed = true;
    const marker = { text: droppedMarker(this.dropped), data: { dropped: { ...this.dropped } } };
    this.used += lineCost(utf8Length(marker.text) + utf8Length(JSON.stringify(marker.data)));
    return marker;
  }
}
