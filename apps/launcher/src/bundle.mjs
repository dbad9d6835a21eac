// Plain JavaScript, so `npm start` can bundle the launcher itself before anything transpiles
// TypeScript (see start.mjs); precompile.ts uses the same function for every platform process.
// Both call it in a short-lived child process (`bundleApart`): esbuild's API and the bundles'
// bytes would otherwise stay in the launcher's memory for the platform's whole life.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The workspace packages are TypeScript sources (bundled); everything else (`graphql`, `pg`, ...)
 * stays a plain import, loaded from node_modules at run time as under tsx.
 */
const bundledPackage = /^@omnitron\//;

/**
 * esbuild plugin: bare imports of third-party packages stay external, and each module's
 * `import.meta.url` stays its own source file's URL, so paths made from it (the repository root,
 * the supergraph file, a worker's isolated-run entry) mean in the bundle what they mean under tsx.
 * @type {import('esbuild').Plugin}
 */
const sourceLayout = {
  name: 'omnitron-source-layout',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (bundledPackage.test(args.path) ? undefined : { external: true }));
    // This file too (.mjs), when bundled into the launcher: `bundleApart` runs it by its own path.
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith('.mjs') ? 'js' : 'ts',
    }));
  },
};

/**
 * One JavaScript file of the TypeScript entry `entry` (relative to `cwd`) and every workspace
 * module it imports, so it runs on plain `node` instead of transpiling each module with tsx as it
 * loads. The same transform tsx applies (esbuild, with the decorator settings of
 * packages/tsconfig), without source maps: stack traces name the bundle, whose modules are marked
 * with their source paths.
 *
 * Written to `<cwd>/dist/<entry>.<content hash>.js` (the folder must sit inside the repository, so
 * `node_modules` resolves from it) by a rename, so launchers starting side by side never read each
 * other's half-written file; the same sources give the same file. Leaves esbuild's service process
 * running: the caller stops it (`stop()` from esbuild) once its bundles are written.
 * @param {string} cwd
 * @param {string} entry
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleEntry(cwd, entry) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(cwd, entry)],
    absWorkingDir: cwd,
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
  const code = result.outputFiles[0].contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const dir = join(cwd, 'dist');
  const name = basename(entry, '.ts');
  const file = join(dir, `${name}.${hash}.js`);
  if (!sameFile(file, code)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneOlderBundles(dir, name, file);
  }
  return file;
}

/** A bundle is read again whenever its process restarts: only those of sources edited a day ago and more go. */
const KEEP_BUNDLES_MS = 86_400_000;

/** @param {string} dir @param {string} name @param {string} current */
function pruneOlderBundles(dir, name, current) {
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

/** @param {string} path @param {Uint8Array} code */
function sameFile(path, code) {
  try {
    return readFileSync(path).equals(code);
  } catch {
    return false;
  }
}

/**
 * `bundleEntry` for each job, run in a child process that exits once they are written; resolves
 * with the bundles' paths in the order of `jobs`.
 * @param {ReadonlyArray<{ cwd: string; entry: string }>} jobs
 * @returns {Promise<string[]>}
 */
export function bundleApart(jobs) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(jobs)], { maxBuffer: 1_048_576 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bundling ${jobs.map((job) => job.entry).join(', ')} failed: ${stderr.trim() || error.message}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

// The child of `bundleApart`: bundles the jobs given as JSON and prints their paths.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { stop } = await import('esbuild');
  try {
    /** @type {Array<{ cwd: string; entry: string }>} */
    const jobs = JSON.parse(process.argv[2] ?? '[]');
    process.stdout.write(JSON.stringify(await Promise.all(jobs.map((job) => bundleEntry(job.cwd, job.entry)))));
  } finally {
    await stop();
  }
}
