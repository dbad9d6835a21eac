/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) of the platform's processes: the functions and
 * packages with the most self time, and the functions with the most inclusive time, over the
 * samples of a time window (startup and shutdown are rarely what is being looked for).
 *
 *   node --import tsx bench/cpu-profile-summary.ts [--last-seconds N | --busiest-seconds N] [--top N] <file.cpuprofile>...
 *
 * `--busiest-seconds N` takes the N seconds of each profile with the most busy samples: one
 * measured stage, when the bench's waits for quiet come after it (a profiled platform never
 * looks quiet, so each wait runs its full two minutes and `--last-seconds` would see mostly idle).
 *
 * The bench's platform inherits NODE_OPTIONS, so
 * `NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles every process it starts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** `name (package or file:line)`: packages by their node_modules folder, our own code by path. */
function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
}

function where(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = url.match(/\/(apps|packages)\/(.*)$/);
  return ours ? `${ours[1]}/${ours[2]}` : url.replace(/^file:\/\//, '') || '(native)';
}

function packageOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (IDLE.has(functionName)) return functionName;
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return where(url);
  const ours = url.match(/\/(apps\/[^/]+(?:\/[^/]+)?|packages\/[^/]+)\/src\//);
  if (ours) return ours[1]!;
  return url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url;
}

function top(map: Map<string, number>, n: number, totalMs: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((ms / totalMs) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

/** The start and end (µs) of the `seconds`-long window with the most non-idle samples. */
function busiestWindow(profile: CpuProfile, byId: ReadonlyMap<number, ProfileNode>, seconds: number): [number, number] {
  const busy: number[] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    if (byId.get(profile.samples[i]!)!.callFrame.functionName !== '(idle)') busy.push(at);
  }
  const width = seconds * 1e6;
  let best: [number, number] = [profile.startTime, profile.startTime + width];
  let bestCount = 0;
  for (let start = 0, end = 0; start < busy.length; start++) {
    while (end < busy.length && busy[end]! < busy[start]! + width) end++;
    if (end - start > bestCount) [bestCount, best] = [end - start, [busy[start]!, busy[start]! + width]];
  }
  return best;
}

function summarise(file: string, lastSeconds: number | undefined, busiestSeconds: number | undefined, n: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const [from, to] =
    busiestSeconds !== undefined ? busiestWindow(profile, byId, busiestSeconds) : [lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6, Infinity];
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let busyMs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    const nextDelta = profile.timeDeltas[i + 1] ?? 0;
    if (at < from || at >= to) continue;
    const ms = nextDelta / 1000;
    const leaf = byId.get(profile.samples[i]!)!;
    if (IDLE.has(leaf.callFrame.functionName) && leaf.callFrame.functionName === '(idle)') continue;
    busyMs += ms;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + ms);
    packages.set(packageOf(leaf), (packages.get(packageOf(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const name = frameName(byId.get(id)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const window = busiestSeconds !== undefined ? ` in its busiest ${busiestSeconds} s` : lastSeconds === undefined ? '' : ` in the last ${lastSeconds} s`;
  console.log(`\n=== ${basename(file)}: ${busyMs.toFixed(0)} ms busy${window}`);
  console.log('-- self time by package');
  for (const line of top(packages, n, busyMs)) console.log(line);
  console.log('-- self time by function');
  for (const line of top(self, n, busyMs)) console.log(line);
  console.log('-- inclusive time by function');
  for (const line of top(inclusive, n * 2, busyMs)) console.log(line);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'last-seconds': { type: 'string' }, 'busiest-seconds': { type: 'string' }, top: { type: 'string', default: '25' } },
});
const lastSeconds = values['last-seconds'] === undefined ? undefined : Number(values['last-seconds']);
const busiestSeconds = values['busiest-seconds'] === undefined ? undefined : Number(values['busiest-seconds']);
for (const file of positionals) summarise(file, lastSeconds, busiestSeconds, Number(values.top));
