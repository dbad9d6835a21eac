import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { olderSystemNode, userShellEnv, type NodeOnMachine } from './readme-command';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const READY_LINE = /running at (http:\/\/\S+)/;

export interface Platform {
  /** The gateway: studio at `/`, GraphQL at `/graphql`. */
  readonly url: string;
  readonly dataDir: string;
  /** The `node` first on PATH when `npm start` ran (an older one when the machine has it). */
  readonly firstNodeOnPath: NodeOnMachine | undefined;
  stop(): Promise<void>;
}

/** A port with the four after it (subgraphs take PORT+1..PORT+4) free right now. */
export async function freePortBlock(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all([0, 1, 2, 3, 4].map((i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free block of 5 ports');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts the whole platform with the README's command, `npm start`, from a user's shell: the
 * machine's older `node` first on PATH when it has one (as on a new Debian machine), no npm
 * variables of this run. It listens on a free port with a throwaway data directory; resolves when
 * the launcher prints its URL. `npm start` builds first (a turbo cache hit after `npm run build`).
 */
export async function startPlatform({ timeoutMs = 300_000 } = {}): Promise<Platform> {
  const port = await freePortBlock();
  const dataDir = await mkdtemp(join(tmpdir(), 'omnitron-e2e-'));
  const firstNodeOnPath = olderSystemNode();
  // Every spec signs up its own user from 127.0.0.1: lift the per-address sign-up limit. Specs
  // serve the APIs their flows call on 127.0.0.1, allowed as an operator allows an internal host.
  // Specs drive several signed-in pages at once, all polling from 127.0.0.1, faster than a person
  // would: the request budget is lifted so it never decides a spec (its own tests pin it).
  const env = userShellEnv(firstNodeOnPath, { PORT: String(port), DATA_DIR: dataDir, REGISTRATIONS_PER_HOUR: '10000', GATEWAY_REQUESTS_PER_MINUTE: '6000', HTTP_ALLOW_LIST: '127.0.0.1' });
  // A process group of its own, so stopping it is Ctrl-C in a terminal: every process gets SIGINT.
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForUrl(child, timeoutMs).catch(async (error: unknown) => {
    signalGroup(child, 'SIGKILL');
    throw error;
  });
  return {
    url,
    dataDir,
    firstNodeOnPath,
    async stop() {
      if (isRunning(child)) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        signalGroup(child, 'SIGINT');
        // The grace timer is cleared as soon as the launcher exits: left pending, it would keep
        // the test runner's process alive for the rest of its 15 s after the run is over.
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise((resolve) => (graceTimer = setTimeout(resolve, 15_000)));
        await Promise.race([exited, graceOver]).finally(() => clearTimeout(graceTimer));
      }
      // Anything of the group still there (npm exits when its script does) goes too.
      signalGroup(child, 'SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone already
  }
}

/** Neither exited nor killed by a signal (`exitCode` alone stays null after a signal). */
const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`platform not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output}`));
    });
  });
}
