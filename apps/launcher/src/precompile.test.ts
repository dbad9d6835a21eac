import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEntries, builtPath } from './build.mjs';
import { parseLauncherConfig, repoRoot } from './config';
import { precompiled } from './precompile';
import { platformLayout } from './processes';

describe('npm run build (build.mjs) and the launcher running its output', () => {
  it('bundles an entry and the workspace modules it imports into dist/<entry>.js that runs on plain node, each module keeping its own import.meta.url', async () => {
    // A throwaway app inside the repository (node_modules must resolve from its dist), importing a workspace package.
    const cwd = mkdtempSync(join(repoRoot, 'apps/launcher/.build-test-'));
    try {
      writeFileSync(
        join(cwd, 'probe.ts'),
        "import { repoRoot } from '@omnitron/server-kit';\nimport { z } from 'zod';\nconsole.log(JSON.stringify({ repoRoot, here: import.meta.url, compiled: (import.meta as { compiled?: boolean }).compiled ?? false, zod: typeof z.object }));\n",
      );
      const [built] = await buildEntries(cwd, ['probe.ts']);
      expect(built).toBe(join(cwd, 'dist', 'probe.js'));
      expect(builtPath(cwd, 'probe.ts')).toBe(built);
      const printed = JSON.parse(execFileSync(process.execPath, [built!], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as Record<string, unknown>;
      // server-kit's repoRoot is computed from its own source file's URL: the same as under tsx.
      expect(printed).toEqual({ repoRoot, here: `file://${join(cwd, 'probe.ts')}`, compiled: true, zod: 'function' });
      // The list of sources beside it names the entry and the workspace modules, not node_modules,
      // relative to the built file, as the build names them: no absolute path of this checkout
      // (a build restored from turbo's cache into another worktree runs that worktree's code).
      const inputs = JSON.parse(readFileSync(join(cwd, 'dist', 'probe.inputs.json'), 'utf8')) as string[];
      expect(inputs).toContain('../probe.ts');
      expect(inputs.map((input) => join(cwd, 'dist', input))).toContain(join(repoRoot, 'packages/server-kit/src/config.ts'));
      expect(readFileSync(built!, 'utf8')).not.toContain(repoRoot);
      expect(inputs.some((input) => input.includes('node_modules'))).toBe(false);

      const spec = { name: 'probe', cwd, entry: 'probe.ts', nodeFlags: [], env: {} };
      expect(precompiled([spec])).toEqual([{ ...spec, entry: built, transpile: false }]);
      // A source edited after the build (the build made a minute earlier): the launcher refuses to run the old code and says what to run.
      const earlier = new Date(Date.now() - 60_000);
      utimesSync(built!, earlier, earlier);
      expect(() => precompiled([spec])).toThrow(`${built} is older than `);
      expect(() => precompiled([spec])).toThrow('run `npm run build`');
      await buildEntries(cwd, ['probe.ts']);
      expect(precompiled([spec])[0]!.entry).toBe(built);
      // No build at all.
      expect(() => precompiled([{ ...spec, entry: 'other.ts' }])).toThrow(`${join(cwd, 'dist', 'other.js')} is missing`);
    } finally {
      execFileSync('rm', ['-rf', cwd]);
    }
  });

  it('writes ASCII only (V8 keeps a source with one other character as two bytes per character), meaning the same text', async () => {
    const cwd = mkdtempSync(join(repoRoot, 'apps/launcher/.build-test-'));
    try {
      writeFileSync(
        join(cwd, 'probe.ts'),
        "const text = 'h\u00e9llo \u{1F600} \u2026';\nconsole.log(JSON.stringify({\n  /** Cut at 10 chars, then \u2026 (kept by esbuild, inside an expression). */\n  text,\n  length: text.length,\n  matches: /\u00e9l+o \u{1F600}/u.test(text),\n  template: `\u2026${text.length}`,\n}));\n",
      );
      const [built] = await buildEntries(cwd, ['probe.ts']);
      expect([...readFileSync(built!, 'utf8')].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
      expect(readFileSync(built!, 'utf8')).toContain('\\u2026 (kept by esbuild');
      const printed = JSON.parse(execFileSync(process.execPath, [built!], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as Record<string, unknown>;
      expect(printed).toEqual({ text: 'h\u00e9llo \u{1F600} \u2026', length: 10, matches: true, template: '\u202610' });
    } finally {
      execFileSync('rm', ['-rf', cwd]);
    }
  });

  it('loads a package from where the importing source finds it: a nested node_modules copy, not the app folder\'s', async () => {
    const cwd = mkdtempSync(join(repoRoot, 'apps/launcher/.build-test-'));
    try {
      // `lib/mod.ts` sees its own copy of `probe-dep`; the app folder (and so its dist) sees none.
      mkdirSync(join(cwd, 'lib/node_modules/probe-dep'), { recursive: true });
      writeFileSync(join(cwd, 'lib/node_modules/probe-dep/package.json'), JSON.stringify({ name: 'probe-dep', version: '1.0.0', type: 'module', exports: './index.js' }));
      writeFileSync(join(cwd, 'lib/node_modules/probe-dep/index.js'), "export const copy = 'nested';\n");
      writeFileSync(join(cwd, 'lib/mod.ts'), "export { copy } from 'probe-dep';\n");
      writeFileSync(join(cwd, 'probe.ts'), "import { copy } from './lib/mod';\nimport { z } from 'zod';\nconsole.log(JSON.stringify({ copy, zod: typeof z.object }));\n");
      const [built] = await buildEntries(cwd, ['probe.ts']);
      const printed = JSON.parse(execFileSync(process.execPath, [built!], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as Record<string, unknown>;
      expect(printed).toEqual({ copy: 'nested', zod: 'function' });
      // A package both see alike stays a bare import, resolved by node as under tsx.
      expect(readFileSync(built!, 'utf8')).toContain('from "zod"');
    } finally {
      execFileSync('rm', ['-rf', cwd]);
    }
  });

  it("finds every process of either layout built by npm run build (the worker's isolated-run entry too)", () => {
    for (const LAYOUT of ['combined', 'split']) {
      const layout = platformLayout(parseLauncherConfig({ LAYOUT }).config!, repoRoot);
      for (const spec of precompiled(layout.processes)) expect(existsSync(spec.entry), spec.entry).toBe(true);
    }
    expect(existsSync(join(repoRoot, 'apps/subgraphs/executions/dist/isolated-run-main.js'))).toBe(true);
  });

  it("runs npm start's launcher from its build on plain node (start.mjs), not under tsx", () => {
    const launcherDir = join(repoRoot, 'apps/launcher');
    // A bad setting stops the launcher before it starts anything: enough to see its build ran.
    const run = spawnSync(process.execPath, ['src/start.mjs'], { cwd: launcherDir, env: { ...process.env, PORT: 'none', NODE_OPTIONS: '' }, encoding: 'utf8' });
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.status).toBe(78);
  }, 60_000);
});
