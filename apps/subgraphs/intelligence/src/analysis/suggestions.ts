import { isTriggerType, type FlowGraph } from './flow-graph';
import type { NodeTimingSummary } from './expensive-nodes';
import type { ReferenceProblem } from './upstream-references';

export const SuggestionCode = {
  SEQUENTIAL_INDEPENDENT_HTTP: 'SEQUENTIAL_INDEPENDENT_HTTP',
  DUPLICATE_NODE: 'DUPLICATE_NODE',
  UNREACHABLE_NODE: 'UNREACHABLE_NODE',
  MISSING_OUTPUT: 'MISSING_OUTPUT',
  MISSING_TRIGGER: 'MISSING_TRIGGER',
  UNUSED_OUTPUT: 'UNUSED_OUTPUT',
  NO_RETRY_ON_HTTP: 'NO_RETRY_ON_HTTP',
  EXPENSIVE_NODE: 'EXPENSIVE_NODE',
  CYCLE: 'CYCLE',
  REFERENCE_NOT_UPSTREAM: 'REFERENCE_NOT_UPSTREAM',
} as const;
export type SuggestionCode = (typeof SuggestionCode)[keyof typeof SuggestionCode];

export interface Suggestion {
  readonly code: SuggestionCode;
  readonly message: string;
  readonly nodeIds: string[];
}

export interface Findings {
  readonly cyclic: readonly string[];
  readonly unreachable: readonly string[];
  readonly deadEnds: readonly string[];
  readonly duplicates: readonly string[][];
  readonly unused: readonly string[];
  readonly sequentialHttp: readonly string[][];
  readonly expensive: readonly NodeTimingSummary[];
  readonly badReferences: readonly ReferenceProblem[];
}

const list = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');
const countWord = (n: number): string => ['zero', 'one', 'two', 'three', 'four', 'five', 'six'][n] ?? String(n);

/** HTTP nodes without a retry policy of two or more attempts. */
export function httpWithoutRetry(graph: FlowGraph): string[] {
  return graph.nodes
    .filter((n) => n.type === 'http.request')
    .filter((n) => {
      const retry = n.data.retry as { maxAttempts?: unknown } | undefined;
      return !(typeof retry?.maxAttempts === 'number' && retry.maxAttempts > 1);
    })
    .map((n) => n.id);
}

/** Concrete, node-naming advice from the structural findings, most valuable first. */
export function suggestionsFor(graph: FlowGraph, findings: Findings): Suggestion[] {
  const out: Suggestion[] = [];
  const add = (code: SuggestionCode, nodeIds: readonly string[], message: string) => out.push({ code, message, nodeIds: [...nodeIds] });
  if (graph.nodes.length === 0) return out;
  if (findings.cyclic.length) add('CYCLE', findings.cyclic, `Nodes ${list(findings.cyclic)} are on or behind a cycle and can never run; remove an edge of the loop.`);
  for (const { reader, target, missing } of findings.badReferences) {
    add('REFERENCE_NOT_UPSTREAM', missing ? [reader] : [reader, target], missing
      ? `"${reader}" reads $nodes.${target}, but no node has the id "${target}".`
      : `"${reader}" reads $nodes.${target}, but "${target}" does not run before it (no path from it), so the value may be missing; connect "${target}" upstream of "${reader}".`);
  }
  for (const chain of findings.sequentialHttp) {
    add('SEQUENTIAL_INDEPENDENT_HTTP', chain, `These ${countWord(chain.length)} HTTP calls (${list(chain)}) are sequential but independent: run them in parallel from the same upstream node and join them with a merge.`);
  }
  for (const node of findings.expensive) {
    add('EXPENSIVE_NODE', [node.nodeId], `"${node.nodeId}" takes ${Math.round(node.averageMs)} ms on average over ${node.runs} runs, the largest share of this flow's run time; cache its result or set a timeout.`);
  }
  for (const group of findings.duplicates) {
    add('DUPLICATE_NODE', group, `Nodes ${list(group)} have the same type and configuration and compute the same result; keep one and reference it with $nodes.${group[0]}.`);
  }
  if (findings.unreachable.length) add('UNREACHABLE_NODE', findings.unreachable, `No trigger leads to ${list(findings.unreachable)}: they never run. Connect them or delete them.`);
  if (!graph.nodes.some((n) => isTriggerType(n.type))) add('MISSING_TRIGGER', [], 'The flow has no trigger, so it cannot start. Add a manual, webhook or schedule trigger.');
  if (!graph.nodes.some((n) => n.type === 'output')) add('MISSING_OUTPUT', findings.deadEnds, `The flow has no output node, so its result is undefined; connect an output node after ${list(findings.deadEnds)}.`);
  if (findings.unused.length) add('UNUSED_OUTPUT', findings.unused, `The output of ${list(findings.unused)} is never used: nothing follows them and no expression reads them. Connect them or delete them.`);
  const noRetry = httpWithoutRetry(graph);
  if (noRetry.length) add('NO_RETRY_ON_HTTP', noRetry, `HTTP nodes ${list(noRetry)} fail on the first network error; set retry.maxAttempts (e.g. 3 with exponential backoff).`);
  return out;
}
