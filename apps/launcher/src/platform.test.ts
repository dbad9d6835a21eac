import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortBase } from './ports';

// The whole platform, started exactly as `npm start` starts it (embedded SQLite, local Redis), in
// each layout: the API roles in one process (the default), and one process per role (LAYOUT=split).
let launcher: ChildProcess;
let base: string;
let dataDir: string;
let output = '';

// Long enough that a poll of /health/ready sees a dead worker before the launcher starts it again.
const RESTART_DELAY_MS = 8_000;

/** What `npm start` runs: the launcher package's start script, `node <entry>`, on plain node (no tsx). */
const START_SCRIPT = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
const LAUNCHER_ENTRY = fileURLToPath(new URL(`../${/^node (\S+\.mjs)$/.exec(START_SCRIPT)![1]}`, import.meta.url));

async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output)) {
    if (launcher.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`launcher not ready in ${timeoutMs} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startLauncher(layout: Layout): Promise<void> {
  const port = await freePortBase();
  dataDir = mkdtempSync(join(tmpdir(), 'omt-platform-'));
  base = `http://127.0.0.1:${port}`;
  output = '';
  const { DATABASE_URL: _embeddedDefaultsOnly, ...env } = process.env;
  launcher = spawn(process.execPath, [LAUNCHER_ENTRY], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', RESTART_DELAY_MS: String(RESTART_DELAY_MS), LAYOUT: layout.name, PRECOMPILE: String(layout.precompile) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForLine(/Omnitron is running at/, 90_000);
}

/** What differs between the layouts, as the tests below see it. */
interface Layout {
  readonly name: 'combined' | 'split';
  /** Run bundles (the default) or the sources through tsx: each layout takes one, so both are covered. */
  readonly precompile: boolean;
  /** The processes besides the worker, by the command line they were started with. */
  readonly others: readonly RegExp[];
  /** The log an identity subgraph's lines go to, and what its line for one request says. */
  readonly identityLog: string;
  readonly identityLine: (requestId: string) => RegExp;
}

const LAYOUTS: readonly Layout[] = [
  {
    name: 'combined',
    precompile: true,
    others: [/apps\/platform|--roles all-api$/],
    identityLog: 'api.log',
    // Called in process by the gateway beside it: no HTTP request, the same request id.
    identityLine: (id) => new RegExp(`"role":"identity".*"requestId":"${id}".*"msg":"request in process"`),
  },
  {
    name: 'split',
    precompile: false,
    others: [/./, /./, /./, /./, /./],
    identityLog: 'identity.log',
    identityLine: (id) => new RegExp(`"requestId":"${id}".*"msg":"request"`),
  },
];

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

/**
 * The platform processes the launcher runs now (pid and command line), from `ps` (`-ww`: whole
 * command lines whatever COLUMNS says). Only `node ... --import tsx src/x.ts` or `node ... dist/x.js` (built)
 * children (and their `--roles`): tsx may give the launcher an esbuild service child of its own.
 */
function children(): Array<{ pid: number; args: string }> {
  return execFileSync('ps', ['-A', '-ww', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === launcher.pid && / (--import tsx src\/\S+\.ts|\S+\/dist\/\S+\.js)( --roles \S+)?$/.test(m[3]!))
    .map((m) => ({ pid: Number(m[1]), args: m[3]! }));
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls /health/ready until `accept` holds for its answer. */
async function readyUntil(accept: (status: number, checks: Record<string, boolean>) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await reach(`${base}/health/ready`);
    const { checks } = (await response.json()) as { checks: Record<string, boolean> };
    if (accept(response.status, checks)) return { status: response.status, checks };
    if (Date.now() > deadline) throw new Error(`/health/ready never ${what} (last: ${response.status} ${JSON.stringify(checks)}); launcher output:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(LAYOUTS)('npm start, LAYOUT=$name PRECOMPILE=$precompile', (layout) => {
  beforeAll(() => startLauncher(layout), 100_000);
  afterAll(() => {
    if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
  });

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
    expect(readFileSync(join(dataDir, 'logs', layout.identityLog), 'utf8')).toMatch(layout.identityLine('trace-platform-test-1'));
  });

  it('serves health, metrics and the studio from the gateway', async () => {
    expect((await reach(`${base}/health/ready`)).status).toBe(200);
    expect(await (await reach(`${base}/metrics`)).text()).toContain('omnitron_graphql_requests_total');
    const studio = await reach(`${base}/`);
    expect(studio.status).toBe(200);
    expect(await studio.text()).toContain('<div id="root">');
  });

  it('restarts a worker killed with SIGKILL, logging its last lines, while the others keep running; /health/ready names it while it is down', async () => {
    const before = children();
    const worker = before.find((child) => /worker-main\.(ts|js)\b/.test(child.args));
    expect(worker, `no worker among the launcher's children: ${JSON.stringify(before)}`).toBeDefined();
    const others = before.filter((child) => child !== worker).map((child) => child.pid);
    const otherArgs = before.filter((child) => child !== worker).map((child) => child.args);
    expect(otherArgs, `children: ${JSON.stringify(before)}; launcher output:\n${output}`).toHaveLength(layout.others.length);
    layout.others.forEach((pattern, i) => expect(otherArgs[i]).toMatch(pattern));
    const mark = output.length;

    process.kill(worker!.pid, 'SIGKILL');
    // Down: the launcher waits RESTART_DELAY_MS before starting it again, and readiness says what is missing.
    const down = await readyUntil((status, checks) => status === 503 && checks.workers === false, 'reported the worker missing');
    expect(down.checks).toEqual({ identity: true, flows: true, executions: true, intelligence: true, workers: false });

    await waitForLine(/worker restarted \(pid \d+\)/, 60_000);
    await readyUntil((status) => status === 200, 'became ready again');
    const after = children();
    const restarted = after.find((child) => /worker-main\.(ts|js)\b/.test(child.args));
    expect(restarted?.pid).toBeDefined();
    expect(restarted!.pid).not.toBe(worker!.pid);
    expect(output.slice(mark)).toContain(`worker restarted (pid ${restarted!.pid})`);
    expect(after.filter((child) => child !== restarted).map((child) => child.pid).sort()).toEqual([...others].sort());

    // The death, with how it ended and the worker's own last lines.
    const report = output.slice(mark);
    expect(report).toMatch(new RegExp(`worker died \\(signal SIGKILL, pid ${worker!.pid}, up [\\d.]+ s\\); restarting it in 8\\.0 s`));
    expect(report).toMatch(/Last (line|\d+ lines) of .*worker\.log:\n( {2}\| .*\n)* {2}\| .*"msg":"executions worker started"/);
  }, 120_000);

  it('stops every process cleanly on Ctrl-C', async () => {
    expect(launcher.exitCode, `the launcher had already stopped:\n${output}`).toBeNull();
    const pids = children().map((child) => child.pid);
    expect(pids.length, `launcher output:\n${output}`).toBe(layout.others.length + 1);
    const mark = output.length;
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    const stillUp = await fetch(`${base}/health/live`).then(() => true, () => false);
    expect(stillUp).toBe(false);
    // Every child stopped with it, and none was started again.
    expect(pids.filter(isRunning)).toEqual([]);
    expect(output.slice(mark)).not.toMatch(/ died \(| restarted \(/);
  }, 20_000);
});

describe('npm start when a process cannot start', () => {
  it('names the process, stops the others and exits non-zero without claiming to run', async () => {
    const port = await freePortBase();
    const dir = mkdtempSync(join(tmpdir(), 'omt-platform-bad-'));
    const { DATABASE_URL: _embeddedDefaultsOnly, ...env } = process.env;
    // A malformed setting every subgraph validates at start.
    const child = spawn(process.execPath, [LAUNCHER_ENTRY], {
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
