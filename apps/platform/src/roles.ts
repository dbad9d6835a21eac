import { ConfigError } from '@omnitron/server-kit';

/** What one process of the platform can host; any set of them, on any number of machines. */
export const ROLES = ['gateway', 'identity', 'flows', 'executions', 'intelligence', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that answer the API (every one but the worker, which runs user code). */
export const API_ROLES: readonly Role[] = ['gateway', 'identity', 'flows', 'executions', 'intelligence'];

/** Names for common sets: `all-api` (what `npm start` runs in one process) and `all` (everything, workers too). */
const ROLE_SETS: Readonly<Record<string, readonly Role[]>> = { 'all-api': API_ROLES, all: ROLES };

const KNOWN = [...ROLES, ...Object.keys(ROLE_SETS)].join(', ');

const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);

/**
 * The roles a `--roles` value names: a comma-separated list of roles and sets, e.g.
 * `gateway,identity` or `all-api`. Unknown names and an empty list are a ConfigError (exit 78).
 */
export function parseRoles(value: string): ReadonlySet<Role> {
  const roles = new Set<Role>();
  for (const name of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const set = ROLE_SETS[name] ?? (isRole(name) ? [name] : undefined);
    if (!set) throw new ConfigError([`--roles: unknown role "${name}" (known: ${KNOWN})`]);
    for (const role of set) roles.add(role);
  }
  if (roles.size === 0) throw new ConfigError([`--roles: no role given (known: ${KNOWN})`]);
  return roles;
}

/** The value of `--roles <list>` (or `--roles=<list>`) in `argv`; `all` when absent. */
export function rolesArgument(argv: readonly string[]): string {
  const at = argv.findIndex((arg) => arg === '--roles' || arg.startsWith('--roles='));
  if (at < 0) return 'all';
  const arg = argv[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[at + 1] ?? '');
}
