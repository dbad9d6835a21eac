import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { repoRoot } from '@omnitron/server-kit';
import { deleteRedisKeysUnder, testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../../config';
import { createGateway, type GatewayServer } from '../../server';
import { FIXTURE_SIGNING_KEY, jwtKeys } from '../../subscriptions/testing/gateway-harness';
import { freePort } from '../../subscriptions/testing/platform-processes';

/** A GraphQL answer as the gateway sends it. */
export interface Answer<T = Record<string, never>> {
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions: { code?: string } }>;
}

async function untilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    if (await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready in time`);
}

/**
 * The real identity and flows subgraphs as child processes (apps do not import each other) behind
 * a real gateway with its real authenticator: access tokens checked against identity's public key,
 * API keys asked of identity, revocations followed on Redis. What a signed-in client meets.
 */
export class SignedInPlatform {
  private readonly children: ChildProcess[] = [];
  private readonly db = throwawayDatabase('gwauth');
  readonly redisPrefix = throwawayRedisPrefix('gwauth');
  /** The identity's signing keys: tests may sign a token exactly as identity would, at a chosen instant. */
  readonly jwtKeys = jwtKeys;
  private gateway?: GatewayServer;
  url = '';

  async start(timeoutMs = 90_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: this.db.url,
      REDIS_URL: testRedisUrl,
      REDIS_PREFIX: this.redisPrefix,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gwauth-')),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      HOST: '127.0.0.1',
      INTERNAL_SIGNING_KEY: FIXTURE_SIGNING_KEY,
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      JWT_PRIVATE_KEY: jwtKeys.privateKey,
      JWT_PUBLIC_KEY: jwtKeys.publicKey,
    };
    const urls: Record<string, string> = {};
    // One after the other: migrations running side by side slow both down.
    for (const name of ['identity', 'flows']) {
      const port = await freePort();
      urls[name] = `http://127.0.0.1:${port}/graphql`;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: join(repoRoot, 'apps/subgraphs', name),
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      this.children.push(child);
      await untilReady(new URL('/health/ready', urls[name]).toString(), child, timeoutMs);
    }
    const dead = 'http://127.0.0.1:9/graphql';
    const boot = bootGateway({
      ...env,
      STUDIO_DIR: env.DATA_DIR,
      IDENTITY_URL: urls.identity,
      FLOWS_URL: urls.flows,
      EXECUTIONS_URL: dead,
      INTELLIGENCE_URL: dead,
    });
    this.gateway = await createGateway(boot, { supergraphSdl: loadSupergraphSdl() });
    this.url = `http://127.0.0.1:${await this.gateway.listen(0)}/graphql`;
  }

  /** One GraphQL request to the gateway with `credential` (an access token or API key) as bearer. */
  async call<T = Record<string, never>>(query: string, variables: Record<string, unknown>, credential?: string): Promise<Answer<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
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
    await deleteRedisKeysUnder(this.redisPrefix);
  }
}
