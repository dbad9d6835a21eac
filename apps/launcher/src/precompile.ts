import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, stop, type Plugin } from 'esbuild';
import type { PlatformProcess } from './processes';

/**
 * The workspace packages are TypeScript sources (bundled); everything else (`graphql`, `pg`, ...)
 * stays a plain import, loaded from node_modules at run time as under tsx.
 */
const bundledPackage = /^@omnitron\//;

/**
 * esbuild plugin: bare imports of third-party packages stay external, and each module's
 * `import.meta.url` stays its own source file's URL, so paths made from it (the repository root,
 * the supergraph file, a worker's isolated-run entry) mean in the bundle what they mean under tsx.
 */
const sourceLayout: Plugin = {
  name: 'omnitron-source-layout',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (bundledPackage.test(args.path) ? undefined : { external: true }));
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * One JavaScript file of a process's entry and every workspace module it imports, so the process
 * runs on plain `node` instead of transpiling each module with tsx as it loads: less memory per
 * process and a faster start. The same transform tsx applies (esbuild, with the decorator settings
 * of packages/tsconfig), without source maps: stack traces name the bundle, whose modules are
 * marked with their source paths.
 *
 * Written to `<cwd>/dist/<entry>.<content hash>.js` (the folder must sit inside the repository, so
 * `node_modules` resolves from it) by a rename, so launchers starting side by side never read each
 * other's half-written file; the same sources give the same file.
 */
export async function precompile(spec: PlatformProcess): Promise<PlatformProcess> {
  const result = await build({
    entryPoints: [join(spec.cwd, spec.entry)],
    absWorkingDir: spec.cwd,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    plugins: [sourceLayout],
    // What packages/tsconfig/base.json tells tsx (type-graphql's decorators, class fields as assignments).
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const dir = join(spec.cwd, 'dist');
  const file = join(dir, `${basename(spec.entry, '.ts')}.${hash}.js`);
  if (!sameFile(file, code)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneOlderBundles(dir, basename(spec.entry, '.ts'), file);
  }
  return { ...spec, entry: file, transpile: false };
}

/** A bundle is read again whenever its process restarts: only those of sources edited a day ago and more go. */
const KEEP_BUNDLES_MS = 86_400_000;

function pruneOlderBundles(dir: string, name: string, current: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (path === current || !entry.startsWith(`${name}.`) || !/\.js(\.\d+\.partial)?$/.test(entry)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_BUNDLES_MS) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by another launcher
    }
  }
}

function sameFile(path: string, code: Uint8Array): boolean {
  try {
    return readFileSync(path).equals(code);
  } catch {
    return false;
  }
}

/**
 * Each process's entry bundled once (workers share theirs). Then esbuild's service process is
 * stopped: it would otherwise stay beside the launcher, holding its memory, for nothing.
 */
export async function precompileAll(specs: readonly PlatformProcess[]): Promise<PlatformProcess[]> {
  const bundles = new Map<string, Promise<PlatformProcess>>();
  try {
    return await Promise.all(
      specs.map(async (spec) => {
        const key = join(spec.cwd, spec.entry);
        if (!bundles.has(key)) bundles.set(key, precompile(spec));
        const bundled = await bundles.get(key)!;
        return { ...spec, entry: bundled.entry, transpile: false };
      }),
    );
  } finally {
    await stop();
  }
}
