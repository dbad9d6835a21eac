import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

declare global {
  interface ImportMeta {
    /** True in a file built by `npm run build` (apps/launcher/src/build.mjs defines it); undefined under tsx and vitest. */
    readonly compiled?: true;
  }
}

/** The file descriptor an isolated run reports on (after stdin, stdout and stderr). */
export const REPORT_FD = 3;

/**
 * What the process running an isolated run tells its worker, one JSON object a line on
 * `REPORT_FD`. Lines are written synchronously, so a report made before the process dies (a
 * node's start, just before its code runs) always reaches the worker.
 */
export type IsolatedRunReport =
  /** Booted (settings, database, Redis): from here on, dying is the run's doing. */
  | { readonly type: 'ready' }
  | { readonly type: 'node-started'; readonly nodeId: string; readonly attempt: number; readonly at: string }
  | { readonly type: 'node-settled'; readonly nodeId: string }
  /** The run ended (or was found ended) with this status; null when there is no such execution. */
  | { readonly type: 'finished'; readonly status: string | null }
  /** Our own code failed around the run (the database away...): the job's attempt fails as in a worker. */
  | { readonly type: 'failed'; readonly message: string };

/** A node of the run that had started and not settled. */
export interface NodeInFlight {
  readonly nodeId: string;
  readonly attempt: number;
  readonly startedAt: string;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export type IsolatedRunOutcome =
  | { readonly kind: 'finished'; readonly status: string | undefined }
  /** The process died while running the run; `inFlight` lists the nodes it was in, latest start last. */
  | { readonly kind: 'died'; readonly exit: ProcessExit; readonly inFlight: readonly NodeInFlight[] };

export interface IsolatedRunnerOptions {
  /** @default the built `dist/isolated-run-main.js` when this process runs built, else `isolated-run-main.ts` next to this file */
  readonly entry?: string;
  /** Node flags for the process. @default this process's own (see `inheritedNodeArgs`) */
  readonly nodeArgs?: readonly string[];
}

/**
 * The flags this process runs with (the launcher's V8 flags and `--import tsx`, plus any
 * `--import` preload), and `--import tsx` when they lack it (a worker inside a test runner).
 */
export function inheritedNodeArgs(): string[] {
  const args = [...process.execArgv];
  return args.some((arg) => arg === 'tsx' || arg === '--import=tsx') ? args : [...args, '--import', 'tsx'];
}

/**
 * Runs one execution in a child process of its own and says how that went. The child shares
 * the worker's environment (settings, database, Redis); the worker keeps the run's job and its
 * lock meanwhile. The child's stdin is a pipe the worker never writes to: when the worker dies,
 * it closes, and the child stops at once (the run is then resumed elsewhere).
 */
export class IsolatedRunner {
  private readonly entry: string;
  private readonly nodeArgs: readonly string[];

  constructor(options: IsolatedRunnerOptions = {}) {
    // Built, `import.meta.url` is still this source file's URL (build.mjs), and the build writes
    // the entry to the workspace's dist folder: it runs on plain node, as this process does.
    const compiled = import.meta.compiled === true;
    this.entry = options.entry ?? fileURLToPath(new URL(compiled ? '../../dist/isolated-run-main.js' : './isolated-run-main.ts', import.meta.url));
    this.nodeArgs = options.nodeArgs ?? (compiled ? [...process.execArgv] : inheritedNodeArgs());
  }

  /**
   * Resolves with how the run ended, or with the child's death and the nodes it was in. Rejects
   * when the child failed before it was ready or reported a failure of our own code: nothing of
   * the run's doing, so the job's attempt fails and is retried as any other.
   */
  async run(executionId: string): Promise<IsolatedRunOutcome> {
    const child = spawn(process.execPath, [...this.nodeArgs, this.entry, executionId], { stdio: ['pipe', 'inherit', 'inherit', 'pipe'] });
    const reports = readReports(child.stdio[REPORT_FD] as Readable);
    reports.catch(() => undefined); // read below, unless the spawn itself failed
    const exit = await new Promise<ProcessExit>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const { ready, ended, inFlight } = await reports;
    if (ended?.type === 'finished') return { kind: 'finished', status: ended.status ?? undefined };
    if (ended?.type === 'failed') throw new Error(`The isolated run failed: ${ended.message}`);
    if (!ready) throw new Error(`The process for an isolated run stopped before it was ready (${describeExit(exit)})`);
    return { kind: 'died', exit, inFlight: [...inFlight.values()] };
  }
}

interface ReadReports {
  ready: boolean;
  ended: Extract<IsolatedRunReport, { type: 'finished' | 'failed' }> | undefined;
  /** By node id, in order of (latest) start. */
  inFlight: Map<string, NodeInFlight>;
}

async function readReports(stream: Readable): Promise<ReadReports> {
  const read: ReadReports = { ready: false, ended: undefined, inFlight: new Map() };
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const report = parseReport(line);
    switch (report?.type) {
      case 'ready':
        read.ready = true;
        break;
      case 'node-started':
        read.inFlight.delete(report.nodeId);
        read.inFlight.set(report.nodeId, { nodeId: report.nodeId, attempt: report.attempt, startedAt: report.at });
        break;
      case 'node-settled':
        read.inFlight.delete(report.nodeId);
        break;
      case 'finished':
      case 'failed':
        read.ended = report;
        break;
      default:
        break;
    }
  }
  return read;
}

function parseReport(line: string): IsolatedRunReport | undefined {
  try {
    return JSON.parse(line) as IsolatedRunReport;
  } catch {
    return undefined; // a line cut short by the death: the reports before it stand
  }
}

/** "killed by SIGKILL" / "exit code 134", for logs and the run's error. */
export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
