import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Node-RED's entry script (`red.js`) when Node-RED is installed: in `dir` (a folder holding
 * `node_modules/node-red`, or the package itself) when given, else wherever this project resolves
 * `node-red` from. Undefined when it is nowhere: the bench then says so instead of measuring it.
 */
export function nodeRedEntry(dir: string | undefined): string | undefined {
  const candidates = dir ? [join(dir, 'node_modules', 'node-red', 'red.js'), join(dir, 'red.js')] : [];
  for (const candidate of candidates) if (existsSync(candidate)) return resolve(candidate);
  if (dir) return undefined;
  try {
    return join(dirname(createRequire(import.meta.url).resolve('node-red/package.json')), 'red.js');
  } catch {
    return undefined;
  }
}

/**
 * The issue-17 workload as a Node-RED flow: http in (POST /webhooks/nodered) -> change (JSONata:
 * `{ n, doubled }`) -> switch (doubled > 10) -> change per branch (JSONata) -> http response.
 * Node-RED keeps nothing of a run; JSONata is what Omnitron's transform nodes evaluate too. Ids
 * are opaque: Node-RED takes any property equal to a node's id (a rule's `set`) for a reference.
 */
function workloadFlows(): unknown[] {
  const setPayload = (id: string, expression: string, next: string) => ({
    id,
    z: 'b0000000000001',
    type: 'change',
    name: '',
    rules: [{ t: 'set', p: 'payload', pt: 'msg', to: expression, tot: 'jsonata' }],
    wires: [[next]],
  });
  return [
    { id: 'b0000000000001', type: 'tab', label: 'b0000000000001' },
    { id: 'b0000000000002', z: 'b0000000000001', type: 'http in', name: '', url: '/webhooks/nodered', method: 'post', upload: false, swaggerDoc: '', wires: [['b0000000000003']] },
    setPayload('b0000000000003', '{ "n": payload.n, "doubled": payload.n * 2 }', 'b0000000000004'),
    {
      id: 'b0000000000004',
      z: 'b0000000000001',
      type: 'switch',
      name: 'IF',
      property: 'payload.doubled',
      propertyType: 'msg',
      rules: [{ t: 'gt', v: '10', vt: 'num' }, { t: 'else' }],
      checkall: 'false',
      repair: false,
      outputs: 2,
      wires: [['b0000000000005'], ['b0000000000006']],
    },
    setPayload('b0000000000005', '{ "size": "big", "n": payload.doubled }', 'b0000000000007'),
    setPayload('b0000000000006', '{ "size": "small", "n": payload.doubled }', 'b0000000000007'),
    { id: 'b0000000000007', z: 'b0000000000001', type: 'http response', name: '', statusCode: '200', headers: {}, wires: [] },
  ];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A Node-RED serving the workload on loopback, its editor and admin API off. */
export interface NodeRed {
  readonly url: string;
  readonly pid: number;
  /** Resident memory now (RSS, bytes). */
  rssBytes(): number;
  close(): Promise<void>;
}

/** Starts Node-RED (`entry`, see nodeRedEntry) with a throwaway user dir; resolves once the workload answers. */
export async function startNodeRed(entry: string, timeoutMs = 60_000): Promise<NodeRed> {
  const userDir = mkdtempSync(join(tmpdir(), 'omt-bench-node-red-'));
  const port = await freePort();
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(workloadFlows()));
  writeFileSync(
    join(userDir, 'settings.js'),
    `module.exports = ${JSON.stringify({
      uiHost: '127.0.0.1',
      uiPort: port,
      flowFile: 'flows.json',
      httpAdminRoot: false,
      httpNodeRoot: '/',
      credentialSecret: false,
      diagnostics: { enabled: false, ui: false },
      runtimeState: { enabled: false, ui: false },
      logging: { console: { level: 'warn', metrics: false, audit: false } },
      externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    })};\n`,
  );
  const child: ChildProcess = spawn(process.execPath, [entry, '--userDir', userDir, '--settings', join(userDir, 'settings.js')], {
    cwd: userDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: userDir, NODE_ENV: 'production' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(userDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await close();
      throw new Error(`Node-RED exited with ${child.exitCode} before answering: ${stderr.trim().slice(-500)}`);
    }
    const answer = await fetch(`${url}/webhooks/nodered`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":7}' }).catch(() => undefined);
    if (answer?.status === 200) {
      await answer.text();
      break;
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`Node-RED did not answer within ${timeoutMs} ms: ${stderr.trim().slice(-500)}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    pid: child.pid!,
    rssBytes: () => Number(readFileSync(`/proc/${child.pid}/statm`, 'utf8').split(' ')[1]) * 4096,
    close,
  };
}
