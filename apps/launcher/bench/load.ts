import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cpuPerOperation, type CpuMeter } from './process-cpu';

/** How much load one measurement may generate: whichever bound is hit first stops it. */
export interface LoadBounds {
  /** Concurrent clients, each issuing one request at a time. */
  readonly clients: number;
  /** Requests in total across all clients. */
  readonly total: number;
  /** No new request starts after this many ms. */
  readonly maxMs: number;
  /** When given, CPU ms per completed request by process role is reported. */
  readonly meter?: CpuMeter;
  /**
   * When given, each completed request's start (ms after the measurement's start) and latency are
   * written to `load-<end time>.csv` in this directory, after a first line holding the wall-clock
   * start (ms since the epoch): where the slow requests of a run fall in time (BENCH_TRACE_DIR).
   */
  readonly traceDir?: string;
}

/** What one bounded measurement saw. Latencies are sorted, in ms. */
export interface LoadResult {
  readonly completed: number;
  readonly failed: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly latencies: readonly number[];
  /** 1-minute load average when the measurement started and ended. */
  readonly load: readonly [number, number];
  /** CPU ms per completed request by process role (empty without a meter). */
  readonly cpuPerOp: ReadonlyArray<readonly [string, number]>;
}

/**
 * Runs `request` from `clients` concurrent loops until `total` requests were issued or `maxMs`
 * passed. A request that throws counts as failed (its latency is not recorded).
 */
export async function runClients(bounds: LoadBounds, request: (index: number, client: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const trace: string[] = [];
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const loadBefore = loadavg()[0]!;
  const cpuBefore = bounds.meter?.snapshot();
  const started = performance.now();
  const deadline = started + bounds.maxMs;
  await Promise.all(
    Array.from({ length: bounds.clients }, async (_, client) => {
      while (next < bounds.total && performance.now() < deadline) {
        const index = next++;
        const t0 = performance.now();
        try {
          await request(index, client);
          const latency = performance.now() - t0;
          latencies.push(latency);
          if (bounds.traceDir) trace.push(`${(t0 - started).toFixed(1)},${latency.toFixed(2)}`);
        } catch (error) {
          failed++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  if (bounds.traceDir) writeFileSync(join(bounds.traceDir, `load-${Date.now()}.csv`), `${(Date.now() - elapsedMs).toFixed(0)}\n${trace.join('\n')}\n`);
  const cpuAfter = bounds.meter?.snapshot();
  return {
    completed: latencies.length,
    failed,
    firstError,
    elapsedMs,
    perSecond: latencies.length / (elapsedMs / 1000),
    latencies: latencies.sort((a, b) => a - b),
    load: [loadBefore, loadavg()[0]!],
    cpuPerOp: cpuBefore && cpuAfter ? cpuPerOperation(cpuBefore, cpuAfter, latencies.length) : [],
  };
}

/** Nearest-rank percentile of sorted values; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Rejects after `ms` with a message naming what timed out. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
