import { prepareFlow, type FlowGraph, type PreparedFlow } from '@omnitron/nodes';

/** Graphs larger than this (as JSON) are compiled for each run rather than kept. */
const MAX_KEPT_CHARS = 262_144;

/**
 * The flows this worker compiled (validated, configs parsed, execution graph built), kept for the
 * next runs of the same graph: most runs are of a few flow versions, and compiling cost a run
 * about as much CPU as running its nodes. Keyed by the graph's JSON, so a graph is only ever run
 * as compiled from itself; the least recently used entry goes first. The engine treats a
 * prepared flow as read-only, so runs share it.
 */
export class PreparedFlows {
  private readonly kept = new Map<string, PreparedFlow>();

  constructor(private readonly capacity = 200) {}

  /** The graph prepared for `runFlow`; an invalid graph is returned as is (the run fails its validation). */
  of(graph: FlowGraph): FlowGraph | PreparedFlow {
    const key = JSON.stringify(graph);
    if (key.length > MAX_KEPT_CHARS) return graph;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const ready = prepareFlow(graph);
    if ('error' in ready) return graph;
    this.kept.set(key, ready);
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return ready;
  }
}
