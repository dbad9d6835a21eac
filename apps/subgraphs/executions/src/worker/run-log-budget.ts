import { droppedOf, fitLine, lineCost, LogBudget, utf8Length, type DropMarker } from '@omnitron/nodes';
import { fitForStorage } from '../services/truncate';

/** The data of a stored LOG event. */
export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly data: unknown;
}

/** Where the bounds come from: LOG_LINE_MAX_BYTES, NODE_LOGS_MAX_BYTES, RUN_LOGS_MAX_BYTES. */
export interface RunLogLimits {
  readonly lineMaxBytes: number;
  readonly nodeMaxBytes: number;
  readonly runMaxBytes: number;
}

const markerLine = (marker: DropMarker): LogLine => ({ level: 'warn', message: marker.text, data: marker.data });

const costOf = (line: { message: string; data?: unknown }): number =>
  lineCost(utf8Length(line.message) + (line.data == null ? 0 : utf8Length(JSON.stringify(line.data) ?? '')));

/**
 * The log lines of one run, bounded where they are written whatever produced them: each line to
 * `lineMaxBytes` (cut with "… [truncated N bytes]"), each node run's lines (all attempts) to
 * `nodeMaxBytes`, all of them to `runMaxBytes`, in UTF-8 bytes plus LOG_LINE_OVERHEAD_BYTES per
 * line. A line either budget cannot take closes both that budget and the node's: what follows is
 * dropped and counted, and the node's one "[further logs dropped: ...]" line goes out when it
 * settles. When the run's budget cannot take even that, the counts go to one last line for the
 * run (no node), written when the run ends. A line the sandbox already wrote as a marker adds its
 * counts, not itself, when it is dropped here.
 */
export class RunLogBudget {
  private readonly run: LogBudget;
  private readonly nodes = new Map<string, LogBudget>();

  constructor(private readonly limits: RunLogLimits) {
    this.run = new LogBudget(limits.runMaxBytes);
  }

  /** Charges lines already stored by an earlier attempt of this run (a resumed run). */
  restore(stored: ReadonlyArray<{ nodeId?: string | null; message: string; data?: unknown }>): void {
    for (const line of stored) {
      const cost = costOf(line);
      this.run.charge(cost);
      if (line.nodeId != null) this.node(line.nodeId).charge(cost);
    }
  }

  /** The line to store for what a node logged, or undefined when it is dropped. */
  admit(nodeId: string, level: string, message: string, data: unknown): LogLine | undefined {
    const kept = data === undefined || data === null ? null : fitForStorage(data, this.limits.lineMaxBytes).value;
    const line = { level, message: fitLine(message, this.limits.lineMaxBytes), data: kept };
    const cost = costOf(line);
    const node = this.node(nodeId);
    if (node.fits(cost) && this.run.fits(cost)) {
      node.charge(cost);
      this.run.charge(cost);
      return line;
    }
    if (node.fits(cost)) this.run.close();
    const passedOn = droppedOf(data);
    if (passedOn) node.drop(passedOn.lines, passedOn.bytes);
    else node.drop(1, utf8Length(message) + (kept === null ? 0 : utf8Length(JSON.stringify(data) ?? '')));
    return undefined;
  }

  /** The node's marker line, when it dropped lines; at its settle. */
  settle(nodeId: string): LogLine | undefined {
    const marker = this.nodes.get(nodeId)?.takeMarker();
    if (!marker) return undefined;
    const line = markerLine(marker);
    if (this.run.fitsMarker(costOf(line))) {
      this.run.charge(costOf(line));
      return line;
    }
    this.run.drop(marker.data.dropped.lines, marker.data.dropped.bytes);
    return undefined;
  }

  /** The markers still owed when the run ends: nodes that never settled (cancelled), then the run's own. */
  finish(): Array<{ nodeId: string | null; line: LogLine }> {
    const owed: Array<{ nodeId: string | null; line: LogLine }> = [];
    for (const nodeId of this.nodes.keys()) {
      const line = this.settle(nodeId);
      if (line) owed.push({ nodeId, line });
    }
    const marker = this.run.takeMarker();
    if (marker) owed.push({ nodeId: null, line: markerLine(marker) });
    return owed;
  }

  private node(nodeId: string): LogBudget {
    let budget = this.nodes.get(nodeId);
    if (!budget) {
      budget = new LogBudget(this.limits.nodeMaxBytes);
      this.nodes.set(nodeId, budget);
    }
    return budget;
  }
}
