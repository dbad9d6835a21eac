import type { NodeRunRecord } from '../types';
import type { ExecutionGraph } from './execution-graph';

/** Where a node is in its life: waiting for inbound edges, queued or running, or settled. */
export const Phase = { Pending: 0, Queued: 1, Settled: 2 } as const;

/** The mutable bookkeeping of one run: counters per node instead of rescans of the graph. */
export class RunState {
  readonly records: Record<string, NodeRunRecord> = {};
  /** Outputs of finished nodes by id: the `$nodes` every expression sees. */
  readonly outputs: Record<string, unknown> = {};
  /** Inbound edges not settled yet. */
  readonly remaining: Int32Array;
  /** Inbound edges settled live (their source took the edge's handle). */
  readonly live: Int32Array;
  readonly phase: Uint8Array;
  /** Handle each settled node routes to, `undefined` when it routes nowhere. */
  readonly taken: (string | undefined)[];
  readonly ready: number[] = [];
  /** Nodes whose every inbound edge settled dead: to be SKIPPED. */
  readonly dead: number[] = [];
  readyHead = 0;
  settledCount = 0;
  inFlight = 0;
  /** Last node that settled with an output, for the execution output when no `output` node exists. */
  lastWithOutput = -1;
  lastOutputNode = -1;

  constructor(readonly graph: ExecutionGraph) {
    const size = graph.nodes.length;
    this.remaining = new Int32Array(size);
    this.live = new Int32Array(size);
    this.phase = new Uint8Array(size);
    this.taken = new Array<string | undefined>(size).fill(undefined);
    graph.incoming.forEach((edges, index) => {
      this.remaining[index] = edges.length;
    });
  }

  get size(): number {
    return this.graph.nodes.length;
  }

  hasReady(): boolean {
    return this.readyHead < this.ready.length;
  }

  takeReady(): number {
    const index = this.ready[this.readyHead++] as number;
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready.splice(0, this.readyHead);
      this.readyHead = 0;
    }
    return index;
  }

  enqueue(index: number): void {
    this.phase[index] = Phase.Queued;
    this.ready.push(index);
  }
}
