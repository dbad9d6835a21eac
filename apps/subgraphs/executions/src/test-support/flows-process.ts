import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { routeOf, signCaller, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import type { FlowGraph } from '@omnitron/nodes';
import { waitFor } from './worker-process';

const flowsDir = fileURLToPath(new URL('../../../flows/', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real flows subgraph as a child process (`node --import tsx src/main.ts` in its folder),
 * sharing the test's database server and signing key. Apps never import apps: only its entry runs.
 */
export class FlowsProcess {
  private child: ChildProcess | undefined;
  url = '';
  output = '';

  /**
   * `EXECUTIONS_URL` is where activation registers triggers (an executions harness); `port` lets a
   * test hand the flows URL to that harness before this process starts.
   */
  async start(env: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string; DATA_DIR: string; EXECUTIONS_URL: string }, port?: number): Promise<this> {
    port ??= await freePort();
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: flowsDir,
      env: { ...process.env, ...env, PORT: String(port), INTERNAL_SIGNING_KEY: TEST_SIGNING_KEY, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.url = `http://127.0.0.1:${port}/graphql`;
    const ready = `http://127.0.0.1:${port}/health/ready`;
    await waitFor(async () => (await fetch(ready).catch(() => undefined))?.ok === true, 60_000, `the flows subgraph (${this.output})`);
    return this;
  }

  async request<T>(query: string, variables: Record<string, unknown>, caller: Caller): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', this.url), caller) },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: T; errors?: unknown };
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  }

  async createFlow(caller: Caller, name: string, graph: FlowGraph): Promise<string> {
    const data = await this.request<{ createFlow: { id: string } }>(
      `mutation ($input: FlowInput!) { createFlow(input: $input) { id } }`,
      { input: { name, nodes: graph.nodes, edges: graph.edges } },
      caller,
    );
    return data.createFlow.id;
  }

  async updateFlow(caller: Caller, id: string, name: string, graph: FlowGraph): Promise<number> {
    const data = await this.request<{ updateFlow: { version: number } }>(
      `mutation ($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { version } }`,
      { id, input: { name, nodes: graph.nodes, edges: graph.edges } },
      caller,
    );
    return data.updateFlow.version;
  }

  /** activateFlow / deactivateFlow as `caller`: the flow's state, or the error's extensions. */
  async setActive(caller: Caller, id: string, active: boolean): Promise<{ active?: boolean; error?: { code: string; [key: string]: unknown } }> {
    const field = active ? 'activateFlow' : 'deactivateFlow';
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', this.url), caller) },
      body: JSON.stringify({ query: `mutation ($id: ID!) { ${field}(id: $id) { active } }`, variables: { id } }),
    });
    const result = (await response.json()) as { data?: Record<string, { active: boolean }> | null; errors?: Array<{ extensions: { code: string } }> };
    return result.data?.[field] ? { active: result.data[field].active } : { error: result.errors?.[0]?.extensions };
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
