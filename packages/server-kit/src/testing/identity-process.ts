import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeOf, signCaller, type Caller } from '../caller';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from './test-database';
import { TEST_SIGNING_KEY } from './test-subgraph';

/** The identity subgraph's folder: tests of other subgraphs run its entry, never import it. */
const identityDir = fileURLToPath(new URL('../../../../apps/subgraphs/identity/', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Answer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/**
 * The real identity subgraph (the credential store) as a child process with its own throwaway
 * database, sharing the test's signing key. Apps never import apps: only its entry runs.
 */
export class IdentityProcess {
  private child: ChildProcess | undefined;
  private readonly database = throwawayDatabase('identity');
  url = '';
  output = '';

  async start(env: Record<string, string> = {}): Promise<this> {
    const port = await freePort();
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: identityDir,
      env: {
        ...process.env,
        DATABASE_URL: this.database.url,
        REDIS_URL: testRedisUrl,
        REDIS_PREFIX: throwawayRedisPrefix('identity'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-identity-')),
        PORT: String(port),
        INTERNAL_SIGNING_KEY: TEST_SIGNING_KEY,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.url = `http://127.0.0.1:${port}/graphql`;
    const ready = `http://127.0.0.1:${port}/health/ready`;
    const deadline = Date.now() + 60_000;
    while ((await fetch(ready).catch(() => undefined))?.ok !== true) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`the identity subgraph did not start: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this;
  }

  async request<T>(query: string, variables: Record<string, unknown>, caller: Caller | null): Promise<Answer<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', this.url), caller) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  }

  /** A new account; its caller is read from the access token's claims (the gateway would verify them). */
  async register(label: string): Promise<Caller> {
    const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const answer = await this.request<{ register: { accessToken: string } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
      { input: { email, password: 'correct horse battery staple', name: label } },
      null,
    );
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    const claims = JSON.parse(Buffer.from(answer.data.register.accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string; wid: string };
    return { userId: claims.sub, workspaceId: claims.wid, role: 'owner', scopes: null };
  }

  async createCredential(caller: Caller, input: { name: string; type: string; fields: Record<string, unknown> }): Promise<string> {
    const answer = await this.request<{ createCredential: { id: string } }>(`mutation($input: CredentialInput!) { createCredential(input: $input) { id } }`, { input }, caller);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.createCredential.id;
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child!.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    await this.database.drop();
  }
}
