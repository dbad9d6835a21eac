export interface NodeTimingSummary {
  readonly nodeId: string;
  readonly runs: number;
  readonly averageMs: number;
  readonly maxMs: number;
}

/** At most this many nodes are listed as expensive. */
const MAX_LISTED = 5;

/**
 * The nodes that take most of a run's time: by recorded average, slowest first, keeping those
 * that each take at least `shareOfTotal` of the summed averages.
 */
export function expensiveNodes(timings: readonly NodeTimingSummary[], knownIds: ReadonlySet<string>, shareOfTotal = 0.2): NodeTimingSummary[] {
  const relevant = timings.filter((t) => knownIds.has(t.nodeId) && t.runs > 0);
  const total = relevant.reduce((sum, t) => sum + t.averageMs, 0);
  if (total <= 0) return [];
  return relevant
    .filter((t) => t.averageMs / total >= shareOfTotal)
    .sort((a, b) => b.averageMs - a.averageMs || a.nodeId.localeCompare(b.nodeId))
    .slice(0, MAX_LISTED);
}
