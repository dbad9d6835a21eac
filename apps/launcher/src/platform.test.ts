import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortBase } from './ports';

// The whole platform, started exactly as `npm start` starts it (embedded SQLite, local Redis).
let launcher: ChildProcess;
let base: string;
let dataDir: string;
let output = '';

async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output)) {
    if (launcher.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`launcher not ready in ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  const port = await freePortBase();
  dataDir = mkdtempSync(join(tmpdir(), 'omt-platform-'));
  base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _embeddedDefaultsOnly, ...env } = process.env;
  launcher = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForLine(/Omnitron is running at/, 90_000);
}, 100_000);

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    launcher.kill('SIGKILL');
  }
});

/** Any failure to reach the platform carries what the launcher printed, so a dead process is named. */
async function reach(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new Error(`${String(error)} (launcher exit code ${launcher.exitCode}); launcher output:\n${output}`, { cause: error });
  }
}

const query = async (q: string, headers: Record<string, string> = {}) => {
  const response = await reach(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: q }),
  });
  return { response, body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
};

describe('npm start', () => {
  it('prints one line with the URL to open', () => {
    expect(output).toContain(`Omnitron is running at ${base}`);
  });

  it('answers { me { id } } with null for an anonymous caller', async () => {
    expect((await query('{ me { id } }')).body).toEqual({ data: { me: null } });
  });

  it('answers a federated query touching all four subgraphs', async () => {
    const { body } = await query('{ me { id } identityStatus { ready } flowsStatus { ready } executionsStatus { ready } intelligenceStatus { ready } }');
    expect(body).toEqual({
      data: { me: null, identityStatus: { ready: true }, flowsStatus: { ready: true }, executionsStatus: { ready: true }, intelligenceStatus: { ready: true } },
    });
  });

  it('forwards the request id to the subgraphs, which log it', async () => {
    const { response } = await query('{ me { id } }', { 'x-request-id': 'trace-platform-test-1' });
    expect(response.headers.get('x-request-id')).toBe('trace-platform-test-1');
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(join(dataDir, 'logs', 'identity.log'), 'utf8')).toContain('"requestId":"trace-platform-test-1"');
  });

  it('serves health, metrics and the studio from the gateway', async () => {
    expect((await reach(`${base}/health/ready`)).status).toBe(200);
    expect(await (await reach(`${base}/metrics`)).text()).toContain('omnitron_graphql_requests_total');
    const studio = await reach(`${base}/`);
    expect(studio.status).toBe(200);
    expect(await studio.text()).toContain('<div id="root">');
  });

  it('stops every process cleanly on Ctrl-C', async () => {
    expect(launcher.exitCode, `the launcher had already stopped:\n${output}`).toBeNull();
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    const stillUp = await fetch(`${base}/health/live`).then(() => true, () => false);
    expect(stillUp).toBe(false);
  }, 20_000);
});

describe('npm start when a process cannot start', () => {
  it('names the process, stops the others and exits non-zero without claiming to run', async () => {
    const port = await freePortBase();
    const dir = mkdtempSync(join(tmpdir(), 'omt-platform-bad-'));
    const { DATABASE_URL: _embeddedDefaultsOnly, ...env } = process.env;
    // A malformed setting every subgraph validates at start.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))], {
      env: { ...env, PORT: String(port), DATA_DIR: dir, MAX_BODY_BYTES: 'lots' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(text).toMatch(/stopped unexpectedly/);
    expect(text).toContain('MAX_BODY_BYTES');
    expect(text).not.toContain('Omnitron is running');
  }, 60_000);
});
