import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformProcess } from './processes';

interface Running {
  readonly spec: PlatformProcess;
  readonly child: ChildProcess;
  readonly logFile: string;
}

/** Starts platform processes, watches them, and stops them all together. */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(
    private readonly logDir: string,
    private readonly baseEnv: Record<string, string>,
    /** Called once when a process dies on its own: the platform cannot go on without it. */
    private readonly onUnexpectedExit: (name: string, code: number | null, tail: string) => void,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(spec: PlatformProcess): void {
    const logFile = join(this.logDir, `${spec.name}.log`);
    // The child writes its log file itself: relaying every line through a pipe and this process
    // cost the launcher CPU the platform could use.
    const log = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...spec.nodeFlags, '--import', 'tsx', spec.entry], {
        cwd: spec.cwd,
        env: { ...process.env, ...this.baseEnv, ...spec.env, OMNITRON_SUPERVISED: '1' },
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log); // the child has its own copy of the descriptor
    }
    child.once('exit', (code) => {
      if (!this.stopping) this.onUnexpectedExit(spec.name, code, tail(logFile));
    });
    this.running.push({ spec, child, logFile });
  }

  /** Resolves when every URL answers 200, or rejects naming the first that did not in time. */
  async waitReady(specs: readonly PlatformProcess[], timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await Promise.all(
      specs
        .filter((s) => s.readyUrl)
        .map(async (spec) => {
          for (;;) {
            if (this.stopping) throw new Error(`stopped while waiting for ${spec.name} to be ready`);
            const ok = await fetch(spec.readyUrl!, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
            if (ok) return;
            if (Date.now() > deadline) throw new Error(`${spec.name} was not ready within ${timeoutMs} ms (see ${this.logDir}/${spec.name}.log)`);
            await new Promise((r) => setTimeout(r, 150));
          }
        }),
    );
  }

  /** SIGTERM to everyone, then SIGKILL to whoever is still there after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const alive = this.running.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    const exits = alive.map((r) => new Promise<void>((resolve) => r.child.once('exit', () => resolve())));
    for (const r of alive) r.child.kill('SIGTERM');
    const timer = setTimeout(() => alive.forEach((r) => r.child.kill('SIGKILL')), graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
