import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A `node` found on this machine: where, and which version it reports. */
export interface NodeOnMachine {
  readonly path: string;
  readonly version: string;
}

const REQUIRED_MAJOR = 24;
const isPackageBin = (dir: string): boolean => /node_modules[\\/]\.bin$/.test(dir);

/** PATH as a user's shell has it: without the node_modules/.bin folders npm and npx put first. */
export function userPath(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PATH ?? '').split(delimiter).filter((dir) => dir && !isPackageBin(dir));
}

/**
 * A `node` older than 24 on this machine (a Debian machine's packaged one, as a new user has),
 * looked for on the user's PATH and in the usual system folders; undefined when there is none.
 */
export function olderSystemNode(): NodeOnMachine | undefined {
  const dirs = [...new Set([...userPath(), '/usr/local/bin', '/usr/bin'])];
  for (const dir of dirs) {
    const path = join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(path, constants.X_OK);
      const version = execFileSync(path, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
      if (Number(/^v(\d+)/.exec(version)?.[1]) < REQUIRED_MAJOR) return { path, version };
    } catch {
      // not there, or not runnable: look further
    }
  }
  return undefined;
}

/**
 * The environment a user's shell would give the README's commands, with `firstNode`'s folder
 * first on PATH: no npm or turbo variables of the run this test is part of (a nested npm reads
 * npm_config_*, a nested turbo its TURBO_* task variables), no node_modules/.bin on PATH.
 */
export function userShellEnv(firstNode: NodeOnMachine | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|TURBO_|VITEST|NODE$|INIT_CWD$|NODE_OPTIONS$)/i.test(key)) continue;
    env[key] = value;
  }
  const path = userPath();
  env.PATH = (firstNode ? [firstNode.path.replace(/[\\/][^\\/]+$/, ''), ...path] : path).join(delimiter);
  return { ...env, ...extra };
}
