import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLauncherConfig } from './config';
import { freePort } from './ports';
import { PLATFORM_MALLOC_ENV, PLATFORM_NODE_FLAGS, platformLayout, type PlatformProcess } from './processes';
import type { RestartDecision } from './restart-backoff';
import { Supervisor, type ProcessExit, type SupervisorListener, type SupervisorOptions } from './supervisor';

const launcherDir = fileURLToPath(new URL('..', import.meta.url));

type Event =
  | { kind: 'startFailed'; exit: ProcessExit }
  | { kind: 'exited'; exit: ProcessExit; restart: RestartDecision }
  | { kind: 'restarted' | 'readyAgain'; name: string; pid: number | undefined };

/** Records what the supervisor reports, and waits for a report. */
class Reports implements SupervisorListener {
  readonly events: Event[] = [];
  startFailed = (exit: ProcessExit) => void this.events.push({ kind: 'startFailed', exit });
  exited = (exit: ProcessExit, restart: RestartDecision) => void this.events.push({ kind: 'exited', exit, restart });
  restarted = (name: string, pid: number | undefined) => void this.events.push({ kind: 'restarted', name, pid });
  readyAgain = (name: string, pid: number | undefined) => void this.events.push({ kind: 'readyAgain', name, pid });

  async next<K extends Event['kind']>(kind: K, name: string, timeoutMs = 30_000): Promise<Extract<Event, { kind: K }>> {
    const match = (e: Event): e is Extract<Event, { kind: K }> => e.kind === kind && ('exit' in e ? e.exit.name : e.name) === name;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${kind} of ${name} within ${timeoutMs} ms; reports: ${JSON.stringify(this.events)}`);
      await sleep(25);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A throwaway folder with child scripts and a supervisor writing logs into it. */
function setup(restart: SupervisorOptions['restart'] = { initialDelayMs: 100 }) {
  const dir = mkdtempSync(join(tmpdir(), 'omt-supervisor-'));
  const reports = new Reports();
  const supervisor = new Supervisor({ logDir: join(dir, 'logs'), baseEnv: {}, restart, listener: reports });
  stops.push(() => supervisor.stopAll(5_000));
  const script = (name: string, source: string, extra: Partial<PlatformProcess> = {}): PlatformProcess => {
    const entry = join(dir, `${name}.mjs`);
    writeFileSync(entry, source);
    return { name, cwd: launcherDir, entry, nodeFlags: [], env: {}, ...extra };
  };
  const logOf = (name: string) => readFileSync(join(dir, 'logs', `${name}.log`), 'utf8');
  return { dir, supervisor, reports, script, logOf };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

// Prints 80 numbered lines and a last one on stderr, then runs until stopped.
const CHATTY = "for (let i = 1; i <= 80; i++) console.log(`line ${i}`);\nconsole.error('chatty is idle');\nsetInterval(() => {}, 1000);\n";
const IDLE = 'setInterval(() => {}, 1000);\n';
// Answers 200 on PORT, like a platform process's /health/ready.
const WEB = "import { createServer } from 'node:http';\ncreateServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n";

describe('platform processes', () => {
  const processesOf = (settings: Record<string, string>) => platformLayout(parseLauncherConfig(settings).config!, '/repo').processes;

  it('run the API roles in one process and each worker apart by default, every one with the platform V8 flags', () => {
    expect(PLATFORM_NODE_FLAGS).toContain('--no-allocation-site-pretenuring');
    const specs = processesOf({ PORT: '4100', WORKERS: '2' });
    expect(specs.map((spec) => [spec.name, spec.entry, ...(spec.args ?? [])].join(' '))).toEqual(['api src/main.ts --roles all-api', 'worker-1 src/worker-main.ts', 'worker-2 src/worker-main.ts']);
    for (const spec of specs) expect(spec.nodeFlags, spec.name).toEqual(PLATFORM_NODE_FLAGS);
  });

  it('run one process per subgraph, the gateway and each worker with LAYOUT=split', () => {
    const specs = processesOf({ PORT: '4100', WORKERS: '2', LAYOUT: 'split' });
    expect(specs.map((spec) => spec.name).sort()).toEqual(['executions', 'flows', 'gateway', 'identity', 'intelligence', 'worker-1', 'worker-2']);
    for (const spec of specs) expect(spec.nodeFlags, spec.name).toEqual(PLATFORM_NODE_FLAGS);
  });

  it('give every process the malloc settings, except one the environment sets itself', () => {
    for (const LAYOUT of ['combined', 'split']) {
      const config = parseLauncherConfig({ LAYOUT, WORKERS: '2' }).config!;
      for (const spec of platformLayout(config, '/repo', {}).processes) expect(spec.env, spec.name).toMatchObject({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
      // The launcher's own environment reaches every process (the supervisor passes it on): its value stands.
      for (const spec of platformLayout(config, '/repo', { MALLOC_ARENA_MAX: '8' }).processes) {
        expect(spec.env.MALLOC_ARENA_MAX, spec.name).toBeUndefined();
        expect(spec.env.MALLOC_TRIM_THRESHOLD_, spec.name).toBe(PLATFORM_MALLOC_ENV.MALLOC_TRIM_THRESHOLD_);
      }
    }
  });

  it('tell the gateway how many workers its readiness must see, in either layout', () => {
    for (const [layout, name] of [['combined', 'api'], ['split', 'gateway']] as const) {
      const gateway = (workers: string) => processesOf({ WORKERS: workers, LAYOUT: layout }).find((s) => s.name === name)!;
      expect(gateway('3').env.READY_WORKERS).toBe('3');
      expect(gateway('0').env.READY_WORKERS).toBe('0');
    }
  });

  it('the supervisor starts a process with its node flags before the entry', async () => {
    const { supervisor, reports, script, logOf } = setup();
    // Prints what node was started with, then waits to be stopped like a platform process.
    supervisor.start(script('probe', "console.log(JSON.stringify(process.execArgv)); setInterval(() => {}, 1000);\n", { nodeFlags: ['--no-allocation-site-pretenuring', '--stack-trace-limit=20'] }));
    await waitUntil(() => logOf('probe').includes(']'), 'probe printed its flags');
    await supervisor.stopAll(5_000);
    expect(JSON.parse(logOf('probe').trim().split('\n').at(-1)!)).toEqual(['--no-allocation-site-pretenuring', '--stack-trace-limit=20', '--import', 'tsx']);
    expect(reports.events).toEqual([]);
  });
});

describe('supervisor', () => {
  it('restarts a process killed after start-up, reporting its exit and last 50 lines, while the others keep running', async () => {
    const { supervisor, reports, script, logOf } = setup({ initialDelayMs: 100 });
    const port = await freePort();
    const specs = [script('chatty', CHATTY), script('steady', IDLE), script('web', WEB, { env: { PORT: String(port) }, readyUrl: `http://127.0.0.1:${port}/` })];
    specs.forEach((spec) => supervisor.start(spec));
    await supervisor.waitReady(specs);
    await waitUntil(() => logOf('chatty').includes('chatty is idle'), 'chatty printed its lines');
    const before = { chatty: supervisor.pid('chatty')!, steady: supervisor.pid('steady')!, web: supervisor.pid('web')! };

    process.kill(before.chatty, 'SIGKILL');
    const { exit, restart } = await reports.next('exited', 'chatty');
    expect(exit).toMatchObject({ pid: before.chatty, code: null, signal: 'SIGKILL' });
    expect(exit.lastLines).toHaveLength(50);
    expect(exit.lastLines[0]).toBe('line 32');
    expect(exit.lastLines.at(-2)).toBe('line 80');
    expect(exit.lastLines.at(-1)).toBe('chatty is idle');
    expect(restart).toEqual({ attempt: 1, delayMs: 100, crashLooping: false });

    const { pid } = await reports.next('restarted', 'chatty');
    expect(pid).not.toBe(before.chatty);
    expect(supervisor.pid('chatty')).toBe(pid);
    expect(isRunning(pid!)).toBe(true);
    expect(supervisor.pid('steady')).toBe(before.steady);
    expect(supervisor.pid('web')).toBe(before.web);
    expect(isRunning(before.steady) && isRunning(before.web)).toBe(true);
    expect(reports.events.filter((e) => e.kind === 'startFailed')).toEqual([]);
  });

  it('reports a restarted process with a ready URL once it answers again', async () => {
    const { supervisor, reports, script } = setup({ initialDelayMs: 100 });
    const port = await freePort();
    const web = script('web', WEB, { env: { PORT: String(port) }, readyUrl: `http://127.0.0.1:${port}/` });
    supervisor.start(web);
    await supervisor.waitReady([web]);
    const first = supervisor.pid('web')!;
    process.kill(first, 'SIGKILL');
    const { pid } = await reports.next('readyAgain', 'web');
    expect(pid).not.toBe(first);
    expect(pid).toBe(supervisor.pid('web'));
    expect((await fetch(web.readyUrl!)).status).toBe(200);
  });

  it('keeps restarting a process that dies again and again, each time later', async () => {
    const { dir, supervisor, reports, script } = setup({ initialDelayMs: 50, maxDelayMs: 200, burst: 2 });
    // Once the flag file exists it dies as soon as it starts: after start-up, a crash loop.
    const flag = join(dir, 'crash-now');
    const spec = script('crashing', "import { existsSync } from 'node:fs';\nif (existsSync(process.env.CRASH_FLAG)) process.exit(3);\nsetInterval(() => {}, 1000);\n", { env: { CRASH_FLAG: flag } });
    supervisor.start(spec);
    await supervisor.waitReady([spec]);
    writeFileSync(flag, '');
    process.kill(supervisor.pid('crashing')!, 'SIGKILL');
    await waitUntil(() => reports.events.filter((e) => e.kind === 'exited').length >= 5, 'five deaths');
    const deaths = reports.events.flatMap((e) => (e.kind === 'exited' ? [e] : []));
    expect(deaths.slice(1, 5).map((d) => d.exit.code)).toEqual([3, 3, 3, 3]);
    expect(deaths.slice(0, 5).map((d) => d.restart.delayMs)).toEqual([50, 100, 200, 200, 200]);
    expect(deaths.slice(0, 5).map((d) => d.restart.crashLooping)).toEqual([false, false, true, true, true]);
  });

  it('retries a process that cannot even be started again, until it can', async () => {
    const { dir, supervisor, reports, script } = setup({ initialDelayMs: 50, maxDelayMs: 100 });
    const spec = script('blocked', IDLE);
    supervisor.start(spec);
    await supervisor.waitReady([spec]);
    // A folder where its log file goes: the restart cannot open it.
    const log = join(dir, 'logs', 'blocked.log');
    rmSync(log);
    mkdirSync(log);
    process.kill(supervisor.pid('blocked')!, 'SIGKILL');
    await waitUntil(() => reports.events.filter((e) => e.kind === 'exited').length >= 3, 'two failed restarts');
    const failed = reports.events.flatMap((e) => (e.kind === 'exited' ? [e] : [])).slice(1, 3);
    for (const { exit } of failed) {
      expect(exit).toMatchObject({ pid: undefined, code: null, signal: null });
      expect(exit.lastLines[0]).toMatch(/^could not be started: EISDIR/);
    }
    expect(reports.events.some((e) => e.kind === 'restarted')).toBe(false);
    rmSync(log, { recursive: true });
    const { pid } = await reports.next('restarted', 'blocked');
    expect(pid).toBe(supervisor.pid('blocked'));
  });

  it('fails the start, without restarting, when a process dies before it was ever ready', async () => {
    const { supervisor, reports, script } = setup({ initialDelayMs: 50 });
    const port = await freePort();
    const broken = script('broken', "console.error('Invalid configuration: MAX_BODY_BYTES'); process.exit(78);\n", { readyUrl: `http://127.0.0.1:${port}/` });
    supervisor.start(broken);
    const waiting = supervisor.waitReady([broken]);
    const { exit } = await reports.next('startFailed', 'broken');
    expect(exit.code).toBe(78);
    expect(exit.lastLines).toEqual(['Invalid configuration: MAX_BODY_BYTES']);
    // The launcher stops everything on a failed start; waiting for readiness then gives up.
    await supervisor.stopAll(5_000);
    await expect(waiting).rejects.toThrow(/stopped while waiting for broken/);
    await sleep(500); // ten times the restart delay
    expect(reports.events.map((e) => e.kind)).toEqual(['startFailed']);
  });

  it('stopAll stops every process and restarts none, not even one waiting for its restart', async () => {
    const { supervisor, reports, script } = setup({ initialDelayMs: 300 });
    const specs = [script('a', IDLE), script('b', IDLE)];
    specs.forEach((spec) => supervisor.start(spec));
    await supervisor.waitReady(specs);
    const pids = [supervisor.pid('a')!, supervisor.pid('b')!];
    process.kill(pids[0]!, 'SIGKILL');
    await reports.next('exited', 'a'); // its restart is now pending
    await supervisor.stopAll(5_000);
    expect(pids.filter(isRunning)).toEqual([]);
    await sleep(1_500); // five times the restart delay
    expect(reports.events.map((e) => e.kind)).toEqual(['exited']);
    expect(supervisor.pid('a')).toBeUndefined();
    expect(supervisor.pid('b')).toBeUndefined();
  });
});
