import { criticalPath } from './critical-path';
import { duplicateNodes } from './duplicates';
import { expensiveNodes, type NodeTimingSummary } from './expensive-nodes';
import { toFlowGraph } from './flow-graph';
import { layer, parallelGroups } from './layering';
import { deadEndNodes, unreachableNodes } from './reachability';
import { referencesByNode } from './references';
import { sequentialIndependentHttp } from './sequential-http';
import { suggestionsFor, type Suggestion } from './suggestions';
import { unusedOutputs } from './unused-outputs';
import { referencesNotUpstream } from './upstream-references';

export interface FlowAnalysis {
  readonly nodeCount: number;
  /** Nodes on the longest path from a node without inbound edges. */
  readonly depth: number;
  readonly criticalPath: string[];
  readonly criticalPathMs: number | null;
  readonly parallelGroups: string[][];
  readonly unreachableNodes: string[];
  readonly deadEndNodes: string[];
  readonly duplicateNodes: string[][];
  readonly unusedOutputs: string[];
  readonly expensiveNodes: NodeTimingSummary[];
  readonly suggestions: Suggestion[];
}

export interface AnalyseInput {
  readonly nodes: unknown;
  readonly edges: unknown;
  /** Recorded run times per node, when the executions subgraph has reported any. */
  readonly timings?: readonly NodeTimingSummary[];
}

/** Structural analysis of a flow's raw JSON: each finding is one small pure function. */
export function analyseFlow(input: AnalyseInput): FlowAnalysis {
  const graph = toFlowGraph(input.nodes, input.edges);
  const layering = layer(graph);
  const references = referencesByNode(graph);
  const timings = input.timings ?? [];
  const path = criticalPath(graph, layering, new Map(timings.map((t) => [t.nodeId, t.averageMs])));
  const findings = {
    cyclic: layering.cyclic,
    unreachable: unreachableNodes(graph),
    deadEnds: deadEndNodes(graph),
    duplicates: duplicateNodes(graph),
    unused: unusedOutputs(graph, references),
    sequentialHttp: sequentialIndependentHttp(graph, references),
    expensive: expensiveNodes(timings, new Set(graph.byId.keys())),
    badReferences: referencesNotUpstream(graph, layering, references),
  };
  return {
    nodeCount: graph.nodes.length,
    depth: Math.max(0, ...layering.depth.values()),
    criticalPath: [...path.nodeIds],
    criticalPathMs: path.durationMs,
    parallelGroups: parallelGroups(layering),
    unreachableNodes: [...findings.unreachable],
    deadEndNodes: [...findings.deadEnds],
    duplicateNodes: findings.duplicates,
    unusedOutputs: findings.unused,
    expensiveNodes: [...findings.expensive],
    suggestions: suggestionsFor(graph, findings),
  };
}
