import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from '@omnitron/schema';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';

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

/**
 * `node --import tsx src/main.ts --roles <roles>` as a child process (embedded SQLite in a temp
 * folder, a throwaway Redis prefix, free ports), with its stdout (its JSON log lines) kept.
 */
export class HostProcess {
  private child?: ChildProcess;
  output = '';
  /** The environment the host runs with: a second gateway built from it shares its secrets and subgraphs. */
  env: Record<string, string> = {};
  gatewayUrl = '';

  constructor(private readonly roles: string) {}

  async start(timeoutMs = 90_000): Promise<void> {
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
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../main.ts', import.meta.url)), '--roles', this.roles], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    // Ready, and past start-up (its signal handlers are in place once it says its roles run).
    while (!this.output.includes('"msg":"platform roles running"') || !(await fetch(`${this.gatewayUrl}/health/ready`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`the host exited with ${child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the host was not ready in ${timeoutMs} ms:\n${this.output}`);
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

  /** SIGTERM, as the launcher stops it; resolves with its exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      await exited;
    }
    await deleteRedisKeysUnder(this.env.REDIS_PREFIX!, testRedisUrl).catch(() => 0);
    return child?.exitCode ?? null;
  }
}
