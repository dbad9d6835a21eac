import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './config';
import { precompile } from './precompile';

describe('precompile', () => {
  it('bundles an entry and the workspace modules it imports into one file that runs on plain node, each module keeping its own import.meta.url', async () => {
    // A throwaway entry inside the repository (node_modules must resolve from its bundle), importing a workspace package.
    const cwd = mkdtempSync(join(repoRoot, 'apps/launcher/.precompile-test-'));
    try {
      writeFileSync(
        join(cwd, 'probe.ts'),
        "import { repoRoot } from '@omnitron/server-kit';\nimport { z } from 'zod';\nconsole.log(JSON.stringify({ repoRoot, here: import.meta.url, zod: typeof z.object }));\n",
      );
      const bundled = await precompile({ name: 'probe', cwd, entry: 'probe.ts', nodeFlags: [], env: {} });
      expect(bundled.transpile).toBe(false);
      expect(bundled.entry).toMatch(/\/dist\/probe\.[0-9a-f]{12}\.js$/);
      const printed = JSON.parse(execFileSync(process.execPath, [bundled.entry], { cwd, encoding: 'utf8' })) as Record<string, string>;
      // server-kit's repoRoot is computed from its own source file's URL: the same as under tsx.
      expect(printed).toEqual({ repoRoot, here: `file://${join(cwd, 'probe.ts')}`, zod: 'function' });
      // The same sources give the same file; a day-old bundle of the entry is pruned when a new one is written.
      expect((await precompile({ name: 'probe', cwd, entry: 'probe.ts', nodeFlags: [], env: {} })).entry).toBe(bundled.entry);
      const stale = join(cwd, 'dist', 'probe.000000000000.js');
      writeFileSync(stale, '');
      utimesSync(stale, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
      writeFileSync(join(cwd, 'probe.ts'), "console.log('edited');\n");
      const edited = await precompile({ name: 'probe', cwd, entry: 'probe.ts', nodeFlags: [], env: {} });
      expect(edited.entry).not.toBe(bundled.entry);
      expect(existsSync(stale)).toBe(false);
      expect(readdirSync(join(cwd, 'dist')).sort()).toEqual([bundled.entry, edited.entry].map((p) => p.split('/').pop()).sort());
    } finally {
      execFileSync('rm', ['-rf', cwd]);
    }
  });

  it("runs npm start's launcher as its own bundle on plain node (start.mjs), not under tsx", () => {
    const launcherDir = join(repoRoot, 'apps/launcher');
    // A bad setting stops the launcher before it starts anything: enough to see its bundle ran.
    const run = spawnSync(process.execPath, ['src/start.mjs'], { cwd: launcherDir, env: { ...process.env, PORT: 'none', NODE_OPTIONS: '' }, encoding: 'utf8' });
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.status).toBe(78);
    expect(readdirSync(join(launcherDir, 'dist')).some((name) => /^main\.[0-9a-f]{12}\.js$/.test(name))).toBe(true);
  }, 60_000);
});
