import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { httpAnswersOk as answersReady } from './http-ready';
import { logTail } from './log-tail';
import type { PlatformProcess } from './processes';
import { RestartBackoff, type RestartBackoffOptions, type RestartDecision } from './restart-backoff';

/** How one run of a supervised process ended. */
export interface ProcessExit {
  readonly name: string;
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly uptimeMs: number;
  /** Its last lines of output (stdout and stderr), oldest first. */
  readonly lastLines: readonly string[];
  readonly logFile: string;
}

/** What the supervisor tells the launcher, which prints it. */
export interface SupervisorListener {
  /** Died before it was ever ready (bad settings, a port taken): the platform cannot start. Not restarted. */
  startFailed(exit: ProcessExit): void;
  /** Died after start-up: it is started again after `restart.delayMs`. */
  exited(exit: ProcessExit, restart: RestartDecision): void;
  /** Started again after dying. */
  restarted(name: string, pid: number | undefined): void;
  /** A restarted process answers its ready URL again (never called for processes without one). */
  readyAgain(name: string, pid: number | undefined): void;
}

export interface SupervisorOptions {
  /** Each process appends its stdout and stderr to `<logDir>/<name>.log`. */
  readonly logDir: string;
  /** Environment every process gets on top of the launcher's own. */
  readonly baseEnv: Record<string, string>;
  readonly restart?: RestartBackoffOptions;
  readonly listener: SupervisorListener;
}

/** One run of a process: what it was started as, and from where in its log file its lines begin. */
interface Run {
  readonly child: ChildProcess;
  readonly startedAt: number;
  /** Where the log file ended when `child` started: its own lines come after. */
  readonly logFrom: number;
}

interface Supervised {
  readonly spec: PlatformProcess;
  readonly logFile: string;
  readonly backoff: RestartBackoff;
  run: Run;
  /** Was ready once: from then on a death is restarted instead of failing the start. */
  established: boolean;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Starts platform processes and keeps them running: one that dies after start-up is started again
 * with back-off while the others keep running; one that dies before it was ever ready fails the
 * start. `stopAll` stops everyone and restarts nobody.
 */
export class Supervisor {
  private readonly processes = new Map<string, Supervised>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {
    mkdirSync(options.logDir, { recursive: true });
  }

  start(spec: PlatformProcess): void {
    if (this.processes.has(spec.name)) throw new Error(`${spec.name} is already supervised`);
    const logFile = join(this.options.logDir, `${spec.name}.log`);
    const entry: Supervised = { spec, logFile, backoff: new RestartBackoff(this.options.restart), run: this.launch(spec, logFile), established: false };
    this.processes.set(spec.name, entry);
    this.watch(entry);
  }

  /** The pid of the process running as `name` now (undefined while it waits to be restarted). */
  pid(name: string): number | undefined {
    const entry = this.processes.get(name);
    return entry && isAlive(entry.run.child) ? entry.run.child.pid : undefined;
  }

  /**
   * Resolves when every ready URL answers 200, or rejects naming the first that did not in time.
   * From then on these processes are restarted when they die (those without a ready URL are ready
   * with the batch: the gateway's readiness waits for the workers).
   */
  async waitReady(specs: readonly PlatformProcess[], timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await Promise.all(specs.filter((s) => s.readyUrl).map((spec) => this.untilAnswers(spec.readyUrl!, spec.name, `see ${this.options.logDir}/${spec.name}.log`, deadline, timeoutMs)));
    for (const spec of specs) {
      const entry = this.processes.get(spec.name);
      if (entry) entry.established = true;
    }
  }

  /** Resolves when `url` answers 200 (the whole platform's readiness), or rejects after `timeoutMs`. */
  waitForUrl(url: string, what: string, timeoutMs = 60_000): Promise<void> {
    return this.untilAnswers(url, what, `logs in ${this.options.logDir}`, Date.now() + timeoutMs, timeoutMs);
  }

  private async untilAnswers(url: string, what: string, hint: string, deadline: number, timeoutMs: number): Promise<void> {
    for (;;) {
      if (this.stopping) throw new Error(`stopped while waiting for ${what} to be ready`);
      if (await answersReady(url)) return;
      if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms (${hint})`);
      await delay(150);
    }
  }

  /** SIGTERM to everyone, then SIGKILL to whoever is still there after `graceMs`; pending restarts are dropped. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const entry of this.processes.values()) clearTimeout(entry.restartTimer);
    const alive = [...this.processes.values()].map((e) => e.run.child).filter(isAlive);
    const exits = alive.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
    for (const child of alive) child.kill('SIGTERM');
    const timer = setTimeout(() => alive.forEach((child) => child.kill('SIGKILL')), graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
  }

  private launch(spec: PlatformProcess, logFile: string): Run {
    // The child writes its log file itself: relaying every line through a pipe and this process
    // cost the launcher CPU the platform could use.
    const log = openSync(logFile, 'a');
    try {
      const logFrom = fstatSync(log).size;
      const loader = spec.transpile === false ? [] : ['--import', 'tsx'];
      const child = spawn(process.execPath, [...spec.nodeFlags, ...loader, spec.entry, ...(spec.args ?? [])], {
        cwd: spec.cwd,
        env: { ...process.env, ...this.options.baseEnv, ...spec.env, OMNITRON_SUPERVISED: '1' },
        stdio: ['ignore', log, log],
      });
      return { child, startedAt: performance.now(), logFrom };
    } finally {
      closeSync(log); // the child has its own copy of the descriptor
    }
  }

  private watch(entry: Supervised): void {
    const run = entry.run;
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      this.onExit(entry, run, code, signal);
    };
    run.child.once('exit', onEnd);
    // A spawn that fails outright (no memory, no process slots) reports no exit.
    run.child.once('error', () => {
      if (run.child.pid === undefined) onEnd(null, null);
    });
  }

  private onExit(entry: Supervised, run: Run, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const exit: ProcessExit = {
      name: entry.spec.name,
      pid: run.child.pid,
      code,
      signal,
      uptimeMs: performance.now() - run.startedAt,
      lastLines: logTail(entry.logFile, run.logFrom),
      logFile: entry.logFile,
    };
    if (!entry.established) {
      this.options.listener.startFailed(exit);
      return;
    }
    this.scheduleRestart(entry, exit);
  }

  private scheduleRestart(entry: Supervised, exit: ProcessExit): void {
    // Any exit counts, code 0 too (systemd's Restart=always): no platform process ends on its own.
    // An exit caused by Ctrl-C reaching the children first is dropped with the pending restart by stopAll.
    const decision = entry.backoff.next(exit.uptimeMs);
    this.options.listener.exited(exit, decision);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (!this.stopping) this.restart(entry);
    }, decision.delayMs);
  }

  private restart(entry: Supervised): void {
    const { name, readyUrl } = entry.spec;
    try {
      entry.run = this.launch(entry.spec, entry.logFile);
    } catch (error) {
      // Not even started (its log could not be opened, no process slots): one more death, retried later.
      const reason = error instanceof Error ? error.message : String(error);
      this.scheduleRestart(entry, { name, pid: undefined, code: null, signal: null, uptimeMs: 0, lastLines: [`could not be started: ${reason}`], logFile: entry.logFile });
      return;
    }
    this.watch(entry);
    this.options.listener.restarted(name, entry.run.child.pid);
    if (readyUrl) void this.announceReady(name, readyUrl, entry.run.child);
  }

  /** Polls a restarted process's ready URL until it answers, it dies, or everything stops. */
  private async announceReady(name: string, readyUrl: string, child: ChildProcess): Promise<void> {
    while (!this.stopping && isAlive(child)) {
      if (await answersReady(readyUrl)) {
        if (!this.stopping && isAlive(child)) this.options.listener.readyAgain(name, child.pid);
        return;
      }
      await delay(250);
    }
  }
}

const isAlive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null && child.pid !== undefined;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
