import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const workspaceDir = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerProcessOptions {
  /** Modules loaded with `--import` before the worker (paths): test-only node behaviour. */
  readonly imports?: readonly string[];
}

/** A real worker process (`node --import tsx src/worker-main.ts`), as the launcher starts one. */
export class WorkerProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output = '';
  /** Set by callers once they killed it. */
  dead = false;

  constructor(env: NodeJS.ProcessEnv, options: WorkerProcessOptions = {}) {
    const imports = (options.imports ?? []).flatMap((path) => ['--import', pathToFileURL(path).href]);
    this.child = spawn(process.execPath, ['--import', 'tsx', ...imports, 'src/worker-main.ts'], { cwd: workspaceDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Not exited (nor killed) yet. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
