import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

/** Resident memory (RSS) of one platform process, its own descendants included. */
export interface ProcessMemory {
  readonly name: string;
  readonly rssBytes: number;
  /**
   * Its proportional share (PSS): pages shared with other processes (the node binary's code,
   * mapped by every node process) counted once across them, so the total is what the machine
   * really holds. Equals RSS where /proc/<pid>/smaps_rollup cannot be read.
   */
  readonly pssBytes: number;
}

const PAGE_BYTES = 4096;

function rssBytesOf(pid: number): number {
  // statm's second field: resident pages (cheaper to read than /proc/<pid>/status).
  return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
}

function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
}

function pssBytesOf(pid: number): number {
  try {
    const kib = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kib === undefined ? rssBytesOf(pid) : Number(kib) * 1024;
  } catch {
    return rssBytesOf(pid);
  }
}

/** A process and everything it started (tsx's esbuild service, an isolated run), summed. */
function treeMemory(pid: number): { rssBytes: number; pssBytes: number } {
  try {
    const own = { rssBytes: rssBytesOf(pid), pssBytes: pssBytesOf(pid) };
    for (const child of childrenOf(pid)) {
      const tree = treeMemory(child);
      own.rssBytes += tree.rssBytes;
      own.pssBytes += tree.pssBytes;
    }
    return own;
  } catch {
    return { rssBytes: 0, pssBytes: 0 }; // exited between the listing and the read
  }
}

/**
 * What a platform process is: the roles it hosts (`--roles a,b` on its command line), else its
 * entry file's workspace (`apps/gateway/src/main.ts` -> gateway; `worker-main.ts` -> worker).
 * tsx's esbuild service is `esbuild`.
 */
function nameOf(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const roles = args.indexOf('--roles');
  if (roles >= 0 && args[roles + 1]) return args[roles + 1]!;
  if (args.some((a) => a.includes('worker-main'))) return 'worker';
  // tsx's esbuild service, started by the launcher when it transpiles something at run time.
  if (args.some((a) => /esbuild/.test(a))) return 'esbuild';
  return basename(readlinkSync(`/proc/${pid}/cwd`));
}

/**
 * RSS of the launcher and of each platform process (with its descendants), read from /proc.
 * Workers are numbered when there are several, so every process has its own line.
 */
export class MemoryMeter {
  private readonly processes: ReadonlyArray<{ pid: number; name: string }>;

  constructor(private readonly launcherPid: number) {
    const named = childrenOf(launcherPid).flatMap((pid) => {
      try {
        return [{ pid, name: nameOf(pid) }];
      } catch {
        return []; // exited between the listing and the read (a short-lived helper)
      }
    });
    const seen = new Map<string, number>();
    this.processes = named.map(({ pid, name }) => {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return { pid, name: named.filter((p) => p.name === name).length > 1 ? `${name}-${n}` : name };
    });
  }

  /** Platform processes (the launcher not counted). */
  get processCount(): number {
    return this.processes.length;
  }

  /** Every platform process, then the launcher itself (its own RSS only). */
  snapshot(): ProcessMemory[] {
    return [...this.processes.map(({ pid, name }) => ({ name, ...treeMemory(pid) })), { name: 'launcher', ...this.launcherMemory() }];
  }

  private launcherMemory(): { rssBytes: number; pssBytes: number } {
    try {
      return { rssBytes: rssBytesOf(this.launcherPid), pssBytes: pssBytesOf(this.launcherPid) };
    } catch {
      return { rssBytes: 0, pssBytes: 0 };
    }
  }

  /** Samples every `everyMs` until `stop()`; answers each process's highest reading and the highest total. */
  sampleDuring(everyMs = 250): { stop(): { peaks: ProcessMemory[]; peakTotalBytes: number; peakTotalPssBytes: number } } {
    const peaks = new Map<string, ProcessMemory>();
    let peakTotalBytes = 0;
    let peakTotalPssBytes = 0;
    const sample = () => {
      const snapshot = this.snapshot();
      for (const p of snapshot) {
        const peak = peaks.get(p.name);
        peaks.set(p.name, { name: p.name, rssBytes: Math.max(peak?.rssBytes ?? 0, p.rssBytes), pssBytes: Math.max(peak?.pssBytes ?? 0, p.pssBytes) });
      }
      peakTotalBytes = Math.max(peakTotalBytes, totalBytes(snapshot));
      peakTotalPssBytes = Math.max(peakTotalPssBytes, totalPssBytes(snapshot));
    };
    sample();
    const timer = setInterval(sample, everyMs);
    return {
      stop: () => {
        clearInterval(timer);
        sample();
        return { peaks: [...peaks.values()], peakTotalBytes, peakTotalPssBytes };
      },
    };
  }
}

export const totalBytes = (memory: readonly ProcessMemory[]) => memory.reduce((sum, p) => sum + p.rssBytes, 0);
export const totalPssBytes = (memory: readonly ProcessMemory[]) => memory.reduce((sum, p) => sum + p.pssBytes, 0);

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

/** "712 MB = gateway 180 + identity 120 + ... + launcher 60 (PSS 540 MB = ...)". */
export function memorySummary(memory: readonly ProcessMemory[], total = totalBytes(memory), totalPss = totalPssBytes(memory)): string {
  return `RSS ${mb(total)} MB = ${memory.map((p) => `${p.name} ${mb(p.rssBytes)}`).join(' + ')}; PSS ${mb(totalPss)} MB = ${memory.map((p) => `${p.name} ${mb(p.pssBytes)}`).join(' + ')}`;
}
