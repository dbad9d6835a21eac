import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One setting of the launcher: its value when unset, and how a set value is read (throws with
 * what is wrong). Checked by hand rather than with zod like the services' settings: the launcher
 * is a supervisor that sits idle beside the platform for its whole life, and zod alone was ~15 MB
 * of its ~71 MB RSS (bench README, "The launcher without zod, malloc settings, V8 flags tried").
 */
export interface LauncherSetting<T> {
  readonly default: T;
  read(raw: string): T;
}

/** An integer in [min, max], written as a number (`4000`, ` 4000 `; not `4e3.5` or `four`). */
function integer(fallback: number, min: number, max: number): LauncherSetting<number> {
  return {
    default: fallback,
    read(raw) {
      const value = Number(raw);
      if (!Number.isInteger(value)) throw new Error(`expected an integer, got "${raw}"`);
      if (value < min || value > max) throw new Error(`expected an integer from ${min} to ${max}, got ${value}`);
      return value;
    },
  };
}

function text(fallback: string, { nonEmpty = false } = {}): LauncherSetting<string> {
  return {
    default: fallback,
    read(raw) {
      if (nonEmpty && raw === '') throw new Error('expected a non-empty value');
      return raw;
    },
  };
}

function oneOf<const T extends string>(choices: readonly T[], fallback: T): LauncherSetting<T> {
  return {
    default: fallback,
    read(raw) {
      const choice = choices.find((c) => c === raw);
      if (choice === undefined) throw new Error(`expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got "${raw}"`);
      return choice;
    },
  };
}

const TRUE = ['true', '1', 'yes', 'on', 'y', 'enabled'];
const FALSE = ['false', '0', 'no', 'off', 'n', 'disabled'];

/** true / false, also 1/0, yes/no, on/off, y/n, enabled/disabled, in any case (as zod's stringbool). */
function flag(fallback: boolean): LauncherSetting<boolean> {
  return {
    default: fallback,
    read(raw) {
      const word = raw.trim().toLowerCase();
      if (TRUE.includes(word)) return true;
      if (FALSE.includes(word)) return false;
      throw new Error(`expected true or false, got "${raw}"`);
    },
  };
}

/** An optional URL whose scheme is one of `protocols` (`redis:`); unset when empty. */
function optionalUrl(protocols: readonly string[]): LauncherSetting<string | undefined> {
  return {
    default: undefined,
    read(raw) {
      if (raw === '') return undefined;
      if (!URL.canParse(raw)) throw new Error(`expected a URL, got "${raw}"`);
      const { protocol } = new URL(raw);
      if (!protocols.includes(protocol)) throw new Error(`expected a ${protocols.join(' or ')} URL, got "${raw}"`);
      return raw;
    },
  };
}

/** What `npm start` reads. Everything has an embedded default. */
export const launcherSettings = {
  /** Gateway port; subgraphs use PORT+1 .. PORT+4. @default 4000 */
  PORT: integer(4000, 1, 65530),
  /** SQLite files, secrets and process logs. @default <repo>/data */
  DATA_DIR: text(resolve(repoRoot, 'data'), { nonEmpty: true }),
  /** Redis to use; unset: 127.0.0.1:6379 if it answers, else a private redis-server. */
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  /**
   * How the roles share processes. `combined`: the API roles (gateway, identity, flows, executions,
   * intelligence) in one process, calling each other in process, and WORKERS worker processes
   * apart, so a run that kills its process never takes the API down. `split`: one process per
   * subgraph and one for the gateway, calling each other over signed HTTP, as separate machines
   * would. @default combined
   */
  LAYOUT: oneOf(['combined', 'split'], 'combined'),
  /**
   * Run each process from its app's build (`npm run build`, which `npm start` runs first:
   * `<app>/dist/<entry>.js`) on plain node: less memory per process and a faster start than
   * transpiling every module with tsx as it loads. A missing build, or one older than its sources,
   * stops the launcher with what to run. false runs the TypeScript sources through tsx.
   * @default true
   */
  PRECOMPILE: flag(true),
  /** Number of worker processes. @default 1 */
  WORKERS: integer(1, 0, 32),
  /** Interface every process binds. @default 127.0.0.1 */
  HOST: text('127.0.0.1'),
  /**
   * NODE_ENV of every process. `production` turns off libraries' development-only checks (graphql-js
   * re-checks every `instanceof` that fails for a copy from another realm, ~5 % of a subgraph's CPU).
   * @default production
   */
  NODE_ENV: oneOf(['production', 'development', 'test'], 'production'),
  /**
   * After start-up, a process that dies is started again after this delay, doubled at each death in
   * a row (one that stayed up a minute starts over), up to RESTART_MAX_DELAY_MS. @default 500
   */
  RESTART_DELAY_MS: integer(500, 0, 3_600_000),
  /** The longest wait before starting a dead process again; a crash-looping one is retried this often. @default 30_000 */
  RESTART_MAX_DELAY_MS: integer(30_000, 0, 3_600_000),
} as const satisfies Record<string, LauncherSetting<unknown>>;

export type LauncherConfig = { -readonly [K in keyof typeof launcherSettings]: (typeof launcherSettings)[K]['default'] };

/**
 * The launcher's settings read from `env`: each one unset takes its default; every one set wrong is
 * named in `issues` (`PORT: expected an integer, got "none"`), none of them is half-read.
 */
export function parseLauncherConfig(env: Readonly<Record<string, string | undefined>>): { config: LauncherConfig; issues?: undefined } | { config?: undefined; issues: string[] } {
  const config: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const [name, setting] of Object.entries(launcherSettings) as Array<[string, LauncherSetting<unknown>]>) {
    const raw = env[name];
    try {
      config[name] = raw === undefined ? setting.default : setting.read(raw);
    } catch (error) {
      issues.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return issues.length > 0 ? { issues } : { config: config as LauncherConfig };
}
