import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by one Chromium (every process whose command line names its profile directory),
 * read from Linux's /proc: unlike frame rates it barely moves when other work loads the machine,
 * so before/after comparisons on a shared machine read it first.
 */
export interface CpuTime {
  /** The renderers' main threads (script, style, layout, paint recording). */
  rendererMainMs: number;
  /** The renderers' other threads (compositor, raster workers). */
  rendererOtherMs: number;
  /** The GPU process (with --disable-gpu: the display compositor, drawing in software) and the browser process. */
  restMs: number;
}

/** Linux reports /proc times in USER_HZ ticks, 100 a second on every architecture it runs on. */
const TICK_MS = 10;

function threadMs(pid: string, tid: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the 14th and 15th fields of stat; fields here start at the 3rd.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The CPU time used so far by the Chromium running with `profile`; a process or thread that ended meanwhile is skipped. */
export function cpuTime(profile: string): CpuTime {
  const total: CpuTime = { rendererMainMs: 0, rendererOtherMs: 0, restMs: 0 };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      // Zygote children rewrite their command line into one space-separated string: match text, not arguments.
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!commandLine.includes(profile)) continue;
      const renderer = commandLine.includes('--type=renderer');
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const ms = threadMs(pid, tid);
        if (!renderer) total.restMs += ms;
        else if (tid === pid) total.rendererMainMs += ms;
        else total.rendererOtherMs += ms;
      }
    } catch {
      continue;
    }
  }
  return total;
}

/** What `after` used beyond `before`. */
export function cpuSince(before: CpuTime, after: CpuTime): CpuTime {
  return {
    rendererMainMs: after.rendererMainMs - before.rendererMainMs,
    rendererOtherMs: after.rendererOtherMs - before.rendererOtherMs,
    restMs: after.restMs - before.restMs,
  };
}
