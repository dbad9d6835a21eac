import { cpus, loadavg } from 'node:os';
import { percentile, type LoadResult } from './load';

/** One line of the final table. */
export interface ReportRow {
  readonly measure: string;
  readonly figure: string;
  readonly detail: string;
  /** 1-minute load average at start -> end of the measurement. */
  readonly load: readonly [number, number];
  /** CPU ms per operation by process role, when metered. */
  readonly cpu?: ReadonlyArray<readonly [string, number]>;
}

const round = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const ms = (n: number) => `${round(n)} ms`;
export const perSecond = (n: number) => `${round(n)}/s`;

/** "p50 x ms, p99 y ms, n req (f failed)". */
export function latencySummary(result: LoadResult): string {
  const failures = result.failed > 0 ? `, ${result.failed} failed (${result.firstError})` : '';
  return `p50 ${ms(percentile(result.latencies, 50))}, p99 ${ms(percentile(result.latencies, 99))}, ${result.completed} done in ${round(result.elapsedMs / 1000)} s${failures}`;
}

export function loadRange(load: readonly [number, number]): string {
  return `${round(load[0], 2)} -> ${round(load[1], 2)}`;
}

/** The operation's own CPU: every role but `other` (what the rest of the machine did meanwhile). */
export function cpuTotal(cpu: ReadonlyArray<readonly [string, number]>): number {
  return cpu.reduce((sum, [role, ms]) => (role === 'other' ? sum : sum + ms), 0);
}

/** "3.1 = gateway 1.2 + flows 0.9 + ... (other 0.2)". */
export function cpuSummary(cpu: ReadonlyArray<readonly [string, number]> | undefined): string {
  if (!cpu || cpu.length === 0) return '';
  const own = cpu.filter(([role]) => role !== 'other');
  const other = cpu.find(([role]) => role === 'other');
  // Sub-millisecond figures (an ephemeral run's) with two decimals: one would hide a tenth of them.
  const shown = (ms: number) => round(ms, ms < 2 ? 2 : 1);
  return `${shown(cpuTotal(cpu))} = ${own.map(([role, ms]) => `${role} ${shown(ms)}`).join(' + ')}${other ? ` (other ${shown(other[1])})` : ''}`;
}

export function printTable(title: string, rows: readonly ReportRow[]): void {
  const header = ['measure', 'figure', 'detail', 'CPU ms per op', `load (1 min, ${cpus().length} cores)`];
  const cells = rows.map((r) => [r.measure, r.figure, r.detail, cpuSummary(r.cpu), loadRange(r.load)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}  (load average now: ${loadavg().map((l) => round(l, 2)).join(' ')})`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

export function printVerdicts(verdicts: readonly string[]): void {
  console.log('\nVerdicts');
  for (const v of verdicts) console.log(`  - ${v}`);
}
