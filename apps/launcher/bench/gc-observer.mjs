// Logs every garbage-collection pause of 2 ms or more of the process that loads it, for finding
// where a benchmark's latency tail comes from (bench README, BENCH_TRACE_DIR). Loaded into the
// bench and every platform process with NODE_OPTIONS="--import <this file>"; writes
// `<BENCH_TRACE_DIR>/gc-<pid>.txt`: a first line naming the process, then one line per pause:
// wall-clock start (ms since the epoch), kind (minor, major, incremental, weak), ms, heap used.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const dir = process.env.BENCH_TRACE_DIR;
if (dir) {
  const file = join(dir, `gc-${process.pid}.txt`);
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
  };
  const lines = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration < 2) continue;
      const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
      lines.push(`${(performance.timeOrigin + entry.startTime).toFixed(1)} ${kinds[entry.detail?.kind] ?? entry.detail?.kind} ${entry.duration.toFixed(1)} ${heapMb}MB`);
    }
  }).observe({ entryTypes: ['gc'] });
  const flush = () => {
    if (lines.length === 0) return;
    appendFileSync(file, `${lines.join('\n')}\n`);
    lines.length = 0;
  };
  setInterval(flush, 1_000).unref();
  process.on('exit', flush);
  appendFileSync(file, `${process.argv.slice(1).join(' ')} (cwd ${process.cwd()})\n`);
}
