import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

/** Resident memory (RSS) of one platform process, its own descendants included. */
export interface ProcessMemory {
  readonly name: string;
  readonly rssBytes: number;
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

/** A process and everything it started (tsx's esbuild service, an isolated run), summed. */
function treeRssBytes(pid: number): number {
  try {
    return rssBytesOf(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssBytes(child), 0);
  } catch {
    return 0; // exited between the listing and the read
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
    const named = childrenOf(launcherPid).map((pid) => ({ pid, name: nameOf(pid) }));
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
    return [
      ...this.processes.map(({ pid, name }) => ({ name, rssBytes: treeRssBytes(pid) })),
      { name: 'launcher', rssBytes: this.launcherRssBytes() },
    ];
  }

  private launcherRssBytes(): number {
    try {
      return rssBytesOf(this.launcherPid);
    } catch {
      return 0;
    }
  }

  /** Samples every `everyMs` until `stop()`; answers each process's highest reading and the highest total. */
  sampleDuring(everyMs = 250): { stop(): { peaks: ProcessMemory[]; peakTotalBytes: number } } {
    const peaks = new Map<string, number>();
    let peakTotalBytes = 0;
    const sample = () => {
      const snapshot = this.snapshot();
      for (const { name, rssBytes } of snapshot) peaks.set(name, Math.max(peaks.get(name) ?? 0, rssBytes));
      peakTotalBytes = Math.max(peakTotalBytes, totalBytes(snapshot));
    };
    sample();
    const timer = setInterval(sample, everyMs);
    return {
      stop: () => {
        clearInterval(timer);
        sample();
        return { peaks: [...peaks].map(([name, rssBytes]) => ({ name, rssBytes })), peakTotalBytes };
      },
    };
  }
}

export const totalBytes = (memory: readonly ProcessMemory[]) => memory.reduce((sum, p) => sum + p.rssBytes, 0);

/** "712 MB = gateway 180 + identity 120 + ... + launcher 60". */
export function memorySummary(memory: readonly ProcessMemory[], total = totalBytes(memory)): string {
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
  return `${mb(total)} MB = ${memory.map((p) => `${p.name} ${mb(p.rssBytes)}`).join(' + ')}`;
}
