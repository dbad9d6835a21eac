import { loadavg } from 'node:os';
import type { BenchDatabase } from './bench-database';
import type { OtlpSink } from './otlp-sink';
import { waitForQuiet, type CpuMeter } from './process-cpu';
import type { MemoryMeter } from './process-memory';
import type { ReportRow } from './report';
import type { BenchSettings } from './settings';

/** CPU per operation without the PostgreSQL backends' share. */
export const nodeOnly = (cpu: ReadonlyArray<readonly [string, number]>) => cpu.filter(([role]) => role !== 'postgres');

/** One line per stage, so a slow run shows where it is. */
export function progress(stage: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${stage}`);
}

/** Lets the platform finish the previous stage's background work, and says how long that took. */
export async function settle(run: Run, after: string): Promise<void> {
  const quiet = await waitForQuiet(run.meter, { maxMs: run.settings.BENCH_SETTLE_MAX_MS });
  const state = quiet.settled ? 'quiet' : 'STILL BUSY';
  progress(`platform ${state} ${(quiet.waitedMs / 1000).toFixed(1)} s after ${after} (background CPU ${quiet.backgroundMsPerSecond.toFixed(0)} ms/s)`);
  run.settles.push(`${after}: ${state} after ${(quiet.waitedMs / 1000).toFixed(1)} s, ${quiet.backgroundMsPerSecond.toFixed(0)} ms/s`);
}

/** What one bench run measures with and collects: its settings, meters and the report being built. */
export interface Run {
  readonly settings: BenchSettings;
  /** Where the platform keeps its data (BENCH_DATABASE). */
  readonly database: BenchDatabase;
  /** The receiver of the platform's spans (BENCH_TRACING=on). */
  readonly sink?: OtlpSink;
  readonly meter: CpuMeter;
  readonly memory: MemoryMeter;
  /** How long the platform took to go quiet before each stage. */
  readonly settles: string[];
  readonly rows: ReportRow[];
  readonly verdicts: string[];
}
