import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { olderSystemNode, userShellEnv } from '../src/readme-command';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const major = (version: string): number => Number(/^v?(\d+)/.exec(version)?.[1]);
const olderNode = olderSystemNode();
const startedByThisRun = inject('firstNodeOnPath') !== null;

// The global setup started the platform with the README's `npm start`, from a user's shell whose
// PATH has this machine's older Node first when it has one (Node 20 on a Debian machine).
describe('the README commands on a machine whose node is older than 24', () => {
  it.runIf(startedByThisRun && olderNode)('npm start, with the older node first on PATH, reaches /health/ready on Node 24', async () => {
    expect(major(inject('firstNodeOnPath')!)).toBeLessThan(24);
    const base = inject('baseUrl');
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    // The gateway's default metrics name the Node that runs it: the one npm ci installed.
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const running = /nodejs_version_info\{version="(v[\d.]+)"/.exec(metrics)?.[1];
    expect(running, 'nodejs_version_info in /metrics').toBeDefined();
    expect(major(running!)).toBeGreaterThanOrEqual(24);
  });

  it('npm test runs its tests on Node 24, and `node` on their PATH is Node 24 too', () => {
    expect(major(process.version)).toBeGreaterThanOrEqual(24);
    const onPath = spawnSync('node', ['-p', 'process.version'], { encoding: 'utf8' });
    expect(major(onPath.stdout.trim())).toBeGreaterThanOrEqual(24);
  });

  it.runIf(olderNode)('where npm ci brought no Node 24, the first thing `npm run build` prints says which Node is needed and how to get it', async () => {
    // The repository's root scripts without node_modules (another OS or architecture, or optional
    // packages skipped): `node` is the older one, and the script's first step must stop there.
    const bare = await mkdtemp(join(tmpdir(), 'omnitron-bare-'));
    try {
      await mkdir(join(bare, 'scripts'));
      for (const file of ['package.json', '.nvmrc', 'scripts/require-node.cjs']) await copyFile(join(repoRoot, file), join(bare, file));
      const run = spawnSync('npm', ['run', 'build'], { cwd: bare, env: userShellEnv(olderNode), encoding: 'utf8' });
      expect(run.status).toBe(1);
      const printed = run.stderr.replace(/^npm (warn|error).*\n/gm, '').trimStart();
      expect(printed).toMatch(/^Omnitron needs Node\.js 24\.\d+\.\d+ or newer \(Node 24, see \.nvmrc\); `node` here is v\d+/);
      expect(printed).toContain(`\`node\` here is ${olderNode!.version} (${olderNode!.path})`);
      expect(printed).toMatch(/is not installed: run `npm ci` again|there is none for/);
      expect(printed).toMatch(/Install Node 24 \(for example `nvm install 24`/);
      // Nothing ran after it: npm's echo of the script is all stdout has, and turbo never started.
      expect(run.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('> '))).toEqual([]);
      expect(run.stderr).not.toMatch(/turbo/i);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
