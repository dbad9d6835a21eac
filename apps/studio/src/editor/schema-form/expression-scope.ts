import { createContext } from 'react';

/** What a node's expressions read, as the engine hands it: `$` (root), `$input` and `$nodes`. */
export interface ExpressionData {
  readonly root: unknown;
  readonly input: unknown;
  readonly nodes: Readonly<Record<string, unknown>>;
}

/** The data the expression editor previews against, where it came from, and the paths it offers. */
export interface ExpressionScope {
  readonly data: ExpressionData;
  /** `pinned` when any upstream output is pinned, `run` when from the run on the canvas, `none` for an empty input. */
  readonly source: 'pinned' | 'run' | 'none';
  /** `$input`, `$nodes.<id>` and the paths found inside the data, for completion. */
  readonly paths: readonly string[];
}

export const EMPTY_SCOPE: ExpressionScope = { data: { root: undefined, input: undefined, nodes: {} }, source: 'none', paths: ['$input'] };

/** Provided by the config panel for the focused node; forms elsewhere (credentials) have no expressions. */
export const ExpressionScopeContext = createContext<ExpressionScope>(EMPTY_SCOPE);

const MAX_PATHS = 400;
const MAX_DEPTH = 5;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** JSONata spells a key that is not a plain name in backticks. */
const step = (key: string) => (PLAIN_NAME.test(key) ? key : `\`${key.replace(/`/g, '')}\``);

/**
 * Every path into `value` below `prefix`, breadth first so shallow paths survive the cap. Arrays
 * are looked through as JSONata maps over them: `$nodes.a.items.sku`, not `items[0].sku`.
 */
export function pathsOf(prefix: string, value: unknown, into: string[] = []): string[] {
  let level: Array<[string, unknown]> = [[prefix, value]];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && into.length < MAX_PATHS; depth++) {
    const next: Array<[string, unknown]> = [];
    for (const [path, item] of level) {
      const sample = Array.isArray(item) ? item.find((entry) => entry !== null && typeof entry === 'object') : item;
      if (sample === null || typeof sample !== 'object') continue;
      for (const [key, child] of Object.entries(sample as Record<string, unknown>)) {
        const childPath = `${path}.${step(key)}`;
        if (into.length >= MAX_PATHS) return into;
        into.push(childPath);
        next.push([childPath, child]);
      }
    }
    level = next;
  }
  return into;
}

/** The root `$` of a node: the one live upstream output, or the live ones keyed by node id (as the engine gives it). */
export function rootOf(direct: readonly string[], outputs: ReadonlyMap<string, unknown>): unknown {
  const live = direct.filter((id) => outputs.has(id));
  if (live.length === 0) return undefined;
  return live.length === 1 ? outputs.get(live[0]!) : Object.fromEntries(live.map((id) => [id, outputs.get(id)]));
}

/** A node's scope from the outputs known of its upstream nodes, with the paths found in them. */
export function scopeOf(upstream: readonly string[], outputs: ReadonlyMap<string, unknown>, root: unknown, input: unknown, source: ExpressionScope['source']): ExpressionScope {
  const nodes: Record<string, unknown> = {};
  for (const id of upstream) if (outputs.has(id)) nodes[id] = outputs.get(id);
  const paths = ['$input', ...pathsOf('$input', input)];
  for (const id of upstream) {
    paths.push(`$nodes.${step(id)}`);
    pathsOf(`$nodes.${step(id)}`, nodes[id], paths);
  }
  pathsOf('$', root, paths);
  return { data: { root, input, nodes }, source, paths: paths.slice(0, MAX_PATHS) };
}
