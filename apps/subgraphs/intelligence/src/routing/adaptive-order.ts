/** One recorded attempt as the router remembers it (newest first in Redis). */
export interface AttemptSample {
  readonly at: number;
  readonly ok: boolean;
  readonly latencyMs: number;
}

export interface RankedTarget<T> {
  readonly target: T;
  /** Success rate over the window, 0..1 (1 with no data). */
  readonly successRate: number;
  readonly failures: number;
  readonly latencyP50Ms: number | undefined;
}

/** One unlucky failure is not a reason to move traffic: demotion needs this many in the window. */
const MIN_FAILURES_TO_DEMOTE = 2;
/** A median of fewer successes (e.g. one cold connection) says little about a provider's speed. */
const MIN_SUCCESSES_FOR_LATENCY = 3;

export function summarise(samples: readonly AttemptSample[], now: number, windowMs: number): { successRate: number; failures: number; latencyP50Ms: number | undefined } {
  const recent = samples.filter((s) => now - s.at <= windowMs);
  const successes = recent.filter((s) => s.ok);
  const latencies = successes.map((s) => s.latencyMs).sort((a, b) => a - b);
  return {
    successRate: recent.length ? successes.length / recent.length : 1,
    failures: recent.length - successes.length,
    latencyP50Ms: latencies.length >= MIN_SUCCESSES_FOR_LATENCY ? latencies[Math.floor((latencies.length - 1) / 2)] : undefined,
  };
}

/** Success rate in steps of 10%: differences below that are noise, not a reason to reorder. */
const successTier = (rate: number, failures: number): number => (failures < MIN_FAILURES_TO_DEMOTE ? 10 : Math.round(rate * 10));
/** Latency in powers of two: only a provider at least ~2x faster overtakes one configured before it. */
const latencyTier = (p50: number): number => Math.floor(Math.log2(Math.max(1, p50)));

/**
 * Orders a route's targets by what recent runs showed: success-rate tier first (once a provider
 * has at least two failures in the window), then latency tier (when every target has a median
 * of at least three successes), then the configured order. A provider that has been failing drops behind its fallback
 * and comes back once its failures leave the window. Stable and deterministic (pure).
 */
export function rankTargets<T>(targets: readonly T[], samplesOf: (target: T) => readonly AttemptSample[], now: number, windowMs: number): RankedTarget<T>[] {
  const ranked = targets.map((target, index) => ({ target, index, ...summarise(samplesOf(target), now, windowMs) }));
  // Latency only decides between providers whose speed is known; an unknown one keeps its place.
  const compareLatency = ranked.every((r) => r.latencyP50Ms !== undefined);
  ranked.sort(
    (a, b) =>
      successTier(b.successRate, b.failures) - successTier(a.successRate, a.failures) ||
      (compareLatency ? latencyTier(a.latencyP50Ms!) - latencyTier(b.latencyP50Ms!) : 0) ||
      a.index - b.index,
  );
  return ranked.map(({ target, successRate, failures, latencyP50Ms }) => ({ target, successRate, failures, latencyP50Ms }));
}
