import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launcherConfigSchema } from './config';
import { PLATFORM_NODE_FLAGS, platformProcesses } from './processes';
import { Supervisor } from './supervisor';

const launcherDir = fileURLToPath(new URL('..', import.meta.url));

describe('platform processes', () => {
  it('run every gateway, subgraph and worker process with the platform V8 flags', () => {
    expect(PLATFORM_NODE_FLAGS).toContain('--no-allocation-site-pretenuring');
    const specs = platformProcesses(launcherConfigSchema.parse({ PORT: '4100', WORKERS: '2' }), '/repo');
    expect(specs.map((spec) => spec.name)).toEqual(expect.arrayContaining(['gateway', 'flows', 'worker-1', 'worker-2']));
    for (const spec of specs) expect(spec.nodeFlags, spec.name).toEqual(PLATFORM_NODE_FLAGS);
  });

  it('the supervisor starts a process with its node flags before the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omt-supervisor-'));
    const entry = join(dir, 'show-flags.mjs');
    // Prints what node was started with, then waits to be stopped like a platform process.
    writeFileSync(entry, "console.log(JSON.stringify(process.execArgv)); setInterval(() => {}, 1000);\n");
    const unexpected: string[] = [];
    const supervisor = new Supervisor(join(dir, 'logs'), {}, (name) => unexpected.push(name));
    supervisor.start({ name: 'probe', cwd: launcherDir, entry, nodeFlags: ['--no-allocation-site-pretenuring', '--stack-trace-limit=20'], env: {} });
    const log = join(dir, 'logs', 'probe.log');
    const deadline = Date.now() + 20_000;
    let text = '';
    while (!text.includes(']') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      text = readFileSync(log, 'utf8');
    }
    await supervisor.stopAll(5_000);
    expect(JSON.parse(text.trim().split('\n').at(-1)!)).toEqual(['--no-allocation-site-pretenuring', '--stack-trace-limit=20', '--import', 'tsx']);
    expect(unexpected).toEqual([]);
  });
});
