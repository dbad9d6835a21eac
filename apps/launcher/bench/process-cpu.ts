import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/** CPU ms used so far, by role: gateway, identity, flows, executions, intelligence, worker, bench. */
export type CpuSnapshot = ReadonlyMap<string, number>;

/** Fields of /proc/<pid>/stat after the command name (field 3, `state`, is index 0). */
function statOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

function cpuMsOf(pid: number): number {
  const fields = statOf(pid);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime + stime
}

function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
}

/** A platform process is named by its workspace folder; workers share the executions folder. */
function roleOf(pid: number): string {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  return cmdline.includes('worker-main') ? 'worker' : basename(readlinkSync(`/proc/${pid}/cwd`));
}

/**
 * The PostgreSQL backends serving this run's databases (their title names the database:
 * `postgres: 15/main: postgres omt_bench_<hex>_flows 127.0.0.1(...) idle`). Every backend seen
 * keeps its last reading after it exits, so pooled connections closing mid-run take nothing away;
 * one opened and closed between two snapshots is missed (the platform's pools keep theirs open).
 */
class DatabaseBackends {
  /** CPU ms by `pid:starttime` (a pid may be reused). */
  private readonly readings = new Map<string, number>();

  constructor(private readonly databasePrefix: string) {}

  cpuMs(): number {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!title.startsWith('postgres: ') || !title.includes(` ${this.databasePrefix}`)) continue;
        const fields = statOf(Number(entry));
        this.readings.set(`${entry}:${fields[19]}`, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
      } catch {
        // exited between the listing and the read
      }
    }
    let total = 0;
    for (const ms of this.readings.values()) total += ms;
    return total;
  }
}

/** CPU ms the whole machine has been busy (every core, every process, since boot), from /proc/stat. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}

/** The launcher's children, each named by its role. */
function platformProcesses(launcherPid: number): Array<{ pid: number; role: string }> {
  return childrenOf(launcherPid).flatMap((pid) => {
    try {
      return [{ pid, role: roleOf(pid) }];
    } catch {
      return []; // exited between the listing and the read (a short-lived helper: an esbuild service, a bundling child)
    }
  });
}

/**
 * CPU time of the launcher's children, of this process and (given the run's database prefix) of
 * the PostgreSQL backends serving the platform: a machine-load-independent cost per
 * request, which matters when other jobs share the cores (wall-clock figures then mostly measure them).
 * `other` is everything else the machine did meanwhile (PostgreSQL's own background processes,
 * anything outside the platform): when it is not near zero, latencies measured the neighbours too.
 */
export class CpuMeter {
  private readonly processes: ReadonlyArray<{ pid: number; role: string }>;
  private readonly backends?: DatabaseBackends;

  /** `launcher`: the launcher's pid (its children are measured, each named by its role), or the processes to measure by name. */
  constructor(launcher: number | ReadonlyArray<{ pid: number; role: string }>, databasePrefix?: string) {
    this.processes = typeof launcher === 'number' ? platformProcesses(launcher) : launcher;
    if (databasePrefix) this.backends = new DatabaseBackends(databasePrefix);
  }

  snapshot(): CpuSnapshot {
    const byRole = new Map<string, number>();
    for (const { pid, role } of this.processes) {
      try {
        byRole.set(role, (byRole.get(role) ?? 0) + cpuMsOf(pid));
      } catch {
        // the process is gone; the bench notices through failed requests
      }
    }
    if (this.backends) byRole.set('postgres', this.backends.cpuMs());
    const own = process.cpuUsage();
    byRole.set('bench', (own.user + own.system) / 1000);
    let known = 0;
    for (const ms of byRole.values()) known += ms;
    byRole.set('other', machineBusyMs() - known);
    return byRole;
  }
}

/** CPU ms per operation by role, between two snapshots; roles below 0.05 ms/op are left out. */
export function cpuPerOperation(before: CpuSnapshot, after: CpuSnapshot, operations: number): Array<[string, number]> {
  if (operations === 0) return [];
  return [...after]
    .map(([role, ms]): [string, number] => [role, (ms - (before.get(role) ?? 0)) / operations])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}

/** Machine CPU but the bench's own (the platform, PostgreSQL and anything else) between two snapshots. */
function platformCpuMs(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [role, ms] of after) if (role !== 'bench') total += ms - (before.get(role) ?? 0);
  return total;
}

export interface Quiet {
  /** How long the platform took to settle. */
  readonly waitedMs: number;
  /** Machine CPU but the bench's own in the last window, ms per second (1000 = one core busy). */
  readonly backgroundMsPerSecond: number;
  readonly settled: boolean;
}

/**
 * Waits until the platform's own background work (search indexing of new flows, trigger sync,
 * prune jobs) and everything else on the machine (PostgreSQL's autovacuum and checkpoints after a
 * bulk insert, other jobs) use less than `thresholdMsPerSecond` of CPU over a `windowMs` window,
 * at most `maxMs`, so one measurement does not pay for the previous one's aftermath.
 */
export async function waitForQuiet(meter: CpuMeter, { thresholdMsPerSecond = 100, windowMs = 2_000, maxMs = 120_000 } = {}): Promise<Quiet> {
  const started = performance.now();
  for (;;) {
    const before = meter.snapshot();
    await new Promise((r) => setTimeout(r, windowMs));
    const rate = (platformCpuMs(before, meter.snapshot()) * 1000) / windowMs;
    const waitedMs = performance.now() - started;
    if (rate < thresholdMsPerSecond || waitedMs >= maxMs) return { waitedMs, backgroundMsPerSecond: rate, settled: rate < thresholdMsPerSecond };
  }
}
