import { BUILD_HINT, builtPath, staleBuild } from './build.mjs';
import type { PlatformProcess } from './processes';

/**
 * Each process run from its app's build (`npm run build`: `<app>/dist/<entry>.js`, see build.mjs)
 * on plain `node` instead of its TypeScript through tsx: less memory per process and a faster
 * start. Throws, naming each one, when a build is missing or older than a source it was made from:
 * running yesterday's code while the sources say otherwise would be worse than not starting.
 */
export function precompiled(specs: readonly PlatformProcess[]): PlatformProcess[] {
  const problems = [...new Set(specs.map((spec) => staleBuild(builtPath(spec.cwd, spec.entry))).filter((problem) => problem !== undefined))];
  if (problems.length > 0) {
    throw new Error(`The platform's build is missing or out of date:\n  ${problems.join('\n  ')}\nTo fix it, ${BUILD_HINT}; or set PRECOMPILE=false to run the TypeScript sources through tsx.`);
  }
  return specs.map((spec) => ({ ...spec, entry: builtPath(spec.cwd, spec.entry), transpile: false }));
}
