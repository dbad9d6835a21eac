import type { RunView } from '../run/run-state';
import { withEstimatedHandles } from './estimated-handles';
import type { FlowEdge, FlowNode, FlowProblemView, NodeTypeInfo } from './flow-types';
import { createStore, type Store } from './store';

export interface GraphSnapshot {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

export interface FlowMeta {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
}

export interface EditorState {
  readonly meta: FlowMeta;
  /** The saved version the canvas is based on: sent as `expectedVersion`. */
  readonly version: number;
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
  readonly past: readonly GraphSnapshot[];
  readonly future: readonly GraphSnapshot[];
  /** Bumped by every edit of the flow's content (not by moving nodes): what validation watches. */
  readonly revision: number;
  /** Changed since the last load or save. */
  readonly dirty: boolean;
  /** Validation problems by node id. */
  readonly problems: Readonly<Record<string, readonly FlowProblemView[]>>;
  /** The run shown on the canvas (live or replayed), if any. */
  readonly run: RunView | null;
  /** The node whose config (or run details) the side panel shows. */
  readonly focusedNodeId: string | null;
}

export type EditorStore = Store<EditorState>;

export interface EditorSeed {
  readonly meta: FlowMeta;
  readonly version: number;
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
}

export function createEditorStore(graph: EditorSeed, types: ReadonlyMap<string, NodeTypeInfo>): EditorStore {
  return createStore<EditorState>({
    meta: graph.meta,
    version: graph.version,
    nodes: withEstimatedHandles(graph.nodes, types),
    edges: graph.edges,
    revision: 0,
    past: [],
    future: [],
    dirty: false,
    problems: {},
    run: null,
    focusedNodeId: null,
  });
}

export function problemsByNode(problems: readonly FlowProblemView[]): Record<string, FlowProblemView[]> {
  const byNode: Record<string, FlowProblemView[]> = {};
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    (byNode[problem.nodeId] ??= []).push(problem);
  }
  return byNode;
}
