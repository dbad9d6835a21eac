import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zodSettingKeys } from './doc-comments';

/** Folders holding what the platform's processes run (tests, test helpers and benchmarks aside). */
const SOURCE_ROOTS = ['apps', 'packages'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated', 'bench', 'testing', 'test-support', 'test', 'studio']);
const isSource = (name: string): boolean => /\.(ts|tsx|js|mjs|cjs)$/.test(name) && !/\.(test|spec|bench)\.|\.d\.ts$/.test(name);

/** Every source file of the platform's processes, relative to the repository root. */
export function platformSourceFiles(repoRoot: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name));
      } else if (isSource(entry.name)) {
        files.push(relative(repoRoot, join(dir, entry.name)));
      }
    }
  };
  for (const root of SOURCE_ROOTS) walk(join(repoRoot, root));
  return files.sort();
}

/** A variable read from the environment by name, and where. */
export interface EnvRead {
  readonly name: string;
  readonly file: string;
}

const READS = [
  // process.env.X, env.X (a NodeJS.ProcessEnv parameter); not import.meta.env.X (a bundler's)
  /(?<!meta\.)\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /(?<!meta\.)\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g,
];
const DESTRUCTURED = /\{([^}]*)\}\s*=\s*process\.env\b/g;

/** Variables read by name outside the settings schemas: `process.env.X`, `env['X']`, `{ X } = process.env`. */
export function directEnvReads(repoRoot: string, files = platformSourceFiles(repoRoot)): EnvRead[] {
  const reads: EnvRead[] = [];
  for (const file of files) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    for (const pattern of READS) for (const match of text.matchAll(pattern)) reads.push({ name: match[1]!, file });
    for (const match of text.matchAll(DESTRUCTURED)) {
      for (const part of match[1]!.split(',')) {
        const name = /^\s*([A-Z][A-Z0-9_]*)\s*(:|$)/.exec(part)?.[1];
        if (name) reads.push({ name, file });
      }
    }
  }
  return reads;
}

/** UPPER_CASE keys given a zod schema anywhere in the platform's sources, and where. */
export function zodKeysInSources(repoRoot: string, files = platformSourceFiles(repoRoot)): EnvRead[] {
  return files.flatMap((file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    return /\bzod\b/.test(text) ? zodSettingKeys(file, text).map((name) => ({ name, file })) : [];
  });
}
