// `npm run build` of every app that runs on node (gateway, platform, the subgraphs, the launcher):
// each entry bundled with the workspace modules it imports into `<app>/dist/<entry>.js`, which
// `npm start` and the roles run on plain `node`. Plain JavaScript, so the launcher can build itself
// and its start script (start.mjs) can check its own build before anything is compiled.
//
//   node ../launcher/src/build.mjs src/main.ts [src/worker-main.ts ...]   (from the app's folder)
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workspace packages are TypeScript sources (bundled); everything else (`graphql`, `pg`,
 * better-sqlite3 and its native prebuild, quickjs-emscripten and its WASM, ...) stays a plain
 * import, loaded from node_modules at run time as under tsx.
 */
const bundledPackage = /^@omnitron\//;

/** The Node the build targets: the one package.json's engines asks for. */
const TARGET = 'node24.7';

/** Marks esbuild's own resolution of a bare import, asked from within the plugin. */
const PROBE = Symbol('probe');

/**
 * `path` as a URL path relative to the folder `outdir` the built files are written to (`./` or
 * `../` first): what a built file names a source or a nested package by, so the build holds no
 * absolute path and works wherever the repository is (moved, cloned, or restored from turbo's
 * cache, which git worktrees of one repository share).
 * @param {string} outdir
 * @param {string} path
 */
function fromBuilt(outdir, path) {
  const rel = relative(outdir, path).split(sep).join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/**
 * esbuild plugin: bare imports of third-party packages stay external, and each module's
 * `import.meta.url` stays its own source file's URL (made from the built file's own URL, see
 * fromBuilt), so paths made from it (the repository root, the supergraph file, the studio's files)
 * mean in the build what they mean under tsx.
 *
 * Node resolves an external import from the built file (the app's `dist` folder), the source
 * resolved it from its own folder: where a workspace package has its own copy of a package in a
 * nested node_modules (npm puts one there when the versions differ, say server-kit's
 * `@opentelemetry/resources` beside Apollo Gateway's older one at the root), the import names that
 * copy by its path, so the build loads what the sources load.
 * @type {import('esbuild').Plugin}
 */
const sourceLayout = {
  name: 'omnitron-source-layout',
  setup(build) {
    const appDir = build.initialOptions.absWorkingDir ?? process.cwd();
    const outdir = build.initialOptions.outdir ?? join(appDir, 'dist');
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (bundledPackage.test(args.path) || args.pluginData === PROBE) return undefined;
      if (args.path.startsWith('node:') || isBuiltin(args.path)) return { external: true };
      const [fromSource, fromBuild] = await Promise.all(
        [args.resolveDir, appDir].map((resolveDir) => build.resolve(args.path, { kind: args.kind, resolveDir, pluginData: PROBE })),
      );
      const nested = fromSource.errors.length === 0 && fromSource.path && fromSource.path !== fromBuild.path;
      return nested ? { path: fromBuilt(outdir, fromSource.path), external: true } : { external: true };
    });
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBuilt(outdir, args.path))}, import.meta.url).href`),
      loader: args.path.endsWith('.mjs') ? 'js' : 'ts',
    }));
  },
};

/**
 * Where the build writes the entry `entry` (relative to the app folder `cwd`): `<cwd>/dist/<name>.js`.
 * @param {string} cwd
 * @param {string} entry
 */
export function builtPath(cwd, entry) {
  return join(cwd, 'dist', `${basename(entry).replace(/\.[mc]?[jt]s$/, '')}.js`);
}

/** The sources a built file was made from (absolute paths), written beside it. @param {string} built */
const inputsPath = (built) => built.replace(/\.js$/, '.inputs.json');

/**
 * Bundles each entry (relative to `cwd`) to `builtPath(cwd, entry)`: the same transform tsx
 * applies (esbuild, with the decorator settings of packages/tsconfig: type-graphql's and
 * MikroORM's decorators take explicit types, there is no emitted metadata), without source maps
 * (stack traces name the built file, whose modules are marked with their source paths), and with
 * `import.meta.compiled` true, so code that starts a child process of its own entry (the worker's
 * isolated runs) starts the built one. Each file is written by a rename (a process starting
 * meanwhile reads the old or the new one, never half of one), with the list of its sources beside
 * it (`staleBuild`).
 * @param {string} cwd
 * @param {readonly string[]} entries
 * @returns {Promise<string[]>} the built files, in the order of `entries`
 */
export async function buildEntries(cwd, entries) {
  const { build } = await import('esbuild');
  const outdir = join(cwd, 'dist');
  const result = await build({
    entryPoints: entries.map((entry) => join(cwd, entry)),
    absWorkingDir: cwd,
    outdir,
    entryNames: '[name]',
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    plugins: [sourceLayout],
    // What packages/tsconfig/base.json tells tsx (type-graphql's decorators, class fields as assignments).
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'import.meta.compiled': 'true' },
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  const files = entries.map((entry) => builtPath(cwd, entry));
  for (const file of files) {
    const output = result.outputFiles.find((o) => o.path === file);
    if (!output) throw new Error(`esbuild wrote no ${file}`);
    const meta = result.metafile.outputs[relative(cwd, file)];
    // Relative to the built file's folder, as the build itself names them (fromBuilt).
    const inputs = Object.keys(meta?.inputs ?? {}).map((input) => relative(dirname(file), join(cwd, input)).split(sep).join('/'));
    writeAtomically(inputsPath(file), `${JSON.stringify(inputs)}\n`);
    writeAtomically(file, asciiOnly(output.text));
  }
  return files;
}

/**
 * `text` with every non-ASCII character written as `\uXXXX` escapes (one per UTF-16 code unit).
 * esbuild escapes them in strings, templates and regular expressions (its ASCII charset), but
 * keeps comments as written, and one `…` in a comment makes V8 hold the whole bundle's source as
 * a two-byte string for the process's life: twice its size (the api's ~1 MB bundle, 2 MB). In a
 * comment the escape is text; anywhere else it means the same character.
 * @param {string} text
 */
export function asciiOnly(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** @param {string} path @param {string | Uint8Array} contents */
function writeAtomically(path, contents) {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

/**
 * Why the built file `built` cannot be run as the current sources, or undefined when it can: it is
 * missing, or a source it was made from changed (or went) after it was written.
 * @param {string} built
 * @returns {string | undefined}
 */
export function staleBuild(built) {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(built).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsPath(built), 'utf8'));
  } catch {
    return `${built} is missing`;
  }
  for (const named of inputs) {
    const input = resolve(dirname(built), named);
    let changedAt;
    try {
      changedAt = statSync(input).mtimeMs;
    } catch {
      return `${built} was built from ${input}, which is gone`;
    }
    if (changedAt > builtAt) return `${built} is older than ${input}`;
  }
  return undefined;
}

/** What to run to build, said with every `staleBuild` reason. */
export const BUILD_HINT = 'run `npm run build` in the repository (`npm start` there builds first)';

// The build CLI: the entries given, relative to the current folder (the app's).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = process.argv.slice(2);
  if (entries.length === 0) {
    process.stderr.write('usage: node build.mjs <entry.ts>... (from the app folder)\n');
    process.exit(64);
  }
  const { stop } = await import('esbuild');
  try {
    for (const file of await buildEntries(process.cwd(), entries)) process.stdout.write(`built ${relative(process.cwd(), file)}\n`);
  } finally {
    await stop();
  }
}
