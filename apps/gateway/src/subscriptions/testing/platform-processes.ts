import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@omnitron/server-kit';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { FIXTURE_SIGNING_KEY, jwtKeys } from './gateway-harness';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready in time`);
}

/**
 * The real flows and executions subgraphs and one executions worker, as child processes (apps do
 * not import each other), on free ports, sharing a throwaway PostgreSQL database and Redis prefix.
 */
export class PlatformProcesses {
  private readonly children: ChildProcess[] = [];
  private readonly db = throwawayDatabase('gwsubs');
  private readonly env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: this.db.url,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: throwawayRedisPrefix('gwsubs'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gwsubs-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    INTERNAL_SIGNING_KEY: FIXTURE_SIGNING_KEY,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    JWT_PRIVATE_KEY: jwtKeys.privateKey,
    JWT_PUBLIC_KEY: jwtKeys.publicKey,
  };
  flowsUrl = '';
  executionsUrl = '';

  async start(timeoutMs = 90_000): Promise<void> {
    const flowsPort = await freePort();
    const executionsPort = await freePort();
    this.flowsUrl = `http://127.0.0.1:${flowsPort}/graphql`;
    this.executionsUrl = `http://127.0.0.1:${executionsPort}/graphql`;
    const flows = this.run('apps/subgraphs/flows', 'src/main.ts', { PORT: String(flowsPort) });
    // Flows first: both create their databases, and migrations running side by side slow both down.
    await ready(new URL('/health/ready', this.flowsUrl).toString(), timeoutMs, flows);
    const executions = this.run('apps/subgraphs/executions', 'src/main.ts', { PORT: String(executionsPort), FLOWS_URL: this.flowsUrl });
    await ready(new URL('/health/ready', this.executionsUrl).toString(), timeoutMs, executions);
    this.run('apps/subgraphs/executions', 'src/worker-main.ts', { FLOWS_URL: this.flowsUrl });
  }

  /** Runs `entry` the way the workspace's own scripts do (from its folder, so tsx reads its tsconfig). */
  private run(workspace: string, entry: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: join(repoRoot, workspace), env: { ...this.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    this.children.push(child);
    return child;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await this.db.drop();
  }
}
