import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from '@omnitron/schema';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { ipCommand } from './namespace-network';

/** A port the kernel reports free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** How a host runs when it is one machine of a cluster (scale-out.test.ts) instead of alone on loopback. */
export interface HostPlacement {
  /** The network namespace it runs in (`ip netns exec <netns> node ...`): its own addresses and ports. */
  readonly netns: string;
  /** Its whole environment (URLs, DATABASE_URL, REDIS_URL and prefix, secrets): nothing is picked for it. */
  readonly env: Record<string, string>;
  /** Polled (from the test) until it answers 200; none for a host without HTTP (a worker): its log line alone. */
  readonly readyUrl?: string;
  /** Its gateway's base URL, when it hosts one. */
  readonly gatewayUrl?: string;
  /**
   * Node's arguments before `--roles`, from this package's folder: e.g. its start script's
   * (`--no-allocation-site-pretenuring dist/main.js`, the build). @default the sources through tsx
   */
  readonly nodeArgs?: readonly string[];
}

/** CPU time a process has used so far (user + system, its waited-for children included), in ms, from /proc. */
export function processCpuMs(pid: number): number {
  // Fields after the command (in parentheses, which may hold spaces): state is 3rd, utime 14th ... cstime 17th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * `node --import tsx src/main.ts --roles <roles>` as a child process (embedded SQLite in a temp
 * folder, a throwaway Redis prefix, free ports), with its stdout (its JSON log lines) kept. Given a
 * placement, it runs in that network namespace with exactly that environment instead.
 */
export class HostProcess {
  private child?: ChildProcess;
  output = '';
  /** The environment the host runs with: a second gateway built from it shares its secrets and subgraphs. */
  env: Record<string, string> = {};
  gatewayUrl = '';
  /** Settles when the process has exited (after start). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = new Promise(() => undefined);

  constructor(
    private readonly roles: string,
    private readonly placement?: HostPlacement,
  ) {}

  /** Its process id (`ip netns exec` execs node in place: the same process). */
  get pid(): number {
    if (this.child?.pid === undefined) throw new Error('the host has not started');
    return this.child.pid;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    let readyUrl: string | undefined;
    if (this.placement) {
      this.env = this.placement.env;
      this.gatewayUrl = this.placement.gatewayUrl ?? '';
      readyUrl = this.placement.readyUrl;
    } else {
      const port = await freePort();
      const urls = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async ({ name }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${await freePort()}/graphql`])));
      const { DATABASE_URL: _embeddedSqlite, ...inherited } = process.env;
      this.env = {
        ...(inherited as Record<string, string>),
        ...urls,
        PORT: String(port),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-host-')),
        REDIS_URL: testRedisUrl,
        REDIS_PREFIX: throwawayRedisPrefix('host'),
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
      };
      this.gatewayUrl = `http://127.0.0.1:${port}`;
      readyUrl = `${this.gatewayUrl}/health/ready`;
    }
    const node = [process.execPath, ...(this.placement?.nodeArgs ?? ['--import', 'tsx', fileURLToPath(new URL('../main.ts', import.meta.url))]), '--roles', this.roles];
    const [command, ...args] = this.placement ? [ipCommand(), 'netns', 'exec', this.placement.netns, ...node] : node;
    const child = spawn(command!, args, {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    // Ready, and past start-up (its signal handlers are in place once it says its roles run).
    while (!this.output.includes('"msg":"platform roles running"') || (readyUrl !== undefined && !(await fetch(readyUrl).then((r) => r.ok, () => false)))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the host (${this.roles}) exited with ${child.exitCode ?? child.signalCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the host (${this.roles}) was not ready in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Its log lines (JSON) that carry `requestId`. */
  linesOf(requestId: string): Array<Record<string, unknown>> {
    return this.output
      .split('\n')
      .filter((line) => line.includes(`"requestId":"${requestId}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** CPU time it has used so far, in ms. */
  cpuMs(): number {
    return processCpuMs(this.pid);
  }

  /** Sends `signal` (SIGKILL: a machine lost) if it still runs. */
  kill(signal: NodeJS.Signals): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /**
   * SIGTERM, as the launcher stops it; resolves with its exit code. Deletes the keys under the Redis
   * prefix it picked itself (a placed host's prefix is its cluster's, cleaned by whoever made it).
   */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = this.exited;
      child.kill('SIGTERM');
      await exited;
    }
    if (!this.placement) await deleteRedisKeysUnder(this.env.REDIS_PREFIX!, testRedisUrl).catch(() => 0);
    return child?.exitCode ?? null;
  }
}
