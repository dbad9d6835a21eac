import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './load';

/** What `npm start` runs (apps/launcher's start script): the launcher bundled, on plain node. */
const LAUNCHER_ENTRY = fileURLToPath(new URL('../src/start.mjs', import.meta.url));
const READY_LINE = /Omnitron is running at (\S+) \(ready in ([\d.]+)s/;

/** The launcher as `npm start` runs it, and what its start cost. */
export interface StartedPlatform {
  readonly baseUrl: string;
  /** Spawn to the "running" line, as this process saw it. */
  readonly coldStartMs: number;
  /** What the launcher itself printed ("ready in Xs"). */
  readonly launcherReportedMs: number;
  readonly load: readonly [number, number];
}

/** `node apps/launcher/src/start.mjs` with the given environment; stopped with SIGINT. */
export class LauncherProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(timeoutMs: number): Promise<StartedPlatform> {
    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    // Its own process group, so a launcher that ignores SIGINT can still be stopped with its children.
    const child = spawn(process.execPath, [LAUNCHER_ENTRY], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    const ready = new Promise<RegExpExecArray>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = READY_LINE.exec(this.output);
        if (match) resolve(match);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`launcher exited early (${code ?? signal}):\n${this.tail()}`)));
    });
    const match = await withTimeout(ready, timeoutMs, 'npm start').catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.tail()}`);
    });
    return {
      baseUrl: match[1]!,
      coldStartMs: performance.now() - started,
      launcherReportedMs: Number(match[2]) * 1000,
      load: [loadBefore, loadavg()[0]!],
    };
  }

  /** SIGINT (Ctrl-C), then SIGKILL to the whole group if it is still there after `graceMs`. */
  async stop(graceMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const timer = setTimeout(() => {
      console.error(`launcher did not stop within ${graceMs} ms; killing its process group ${child.pid}`);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /** The launcher's pid (its children are the platform's processes). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  tail(lines = 20): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }
}

/** Start cost of one `node --import tsx` process doing nothing: the floor under every platform process. */
export async function bareTsxStartMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}
