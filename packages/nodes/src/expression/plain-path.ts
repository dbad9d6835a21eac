import type jsonata from 'jsonata';
import { isJsonataFunction } from './value-size';

/**
 * An expression that only reads a value the evaluation was given, by plain field names:
 * `$nodes.a.b`, `$input.body.n`, `$item.x`, `$.a` (the `{{ $nodes.x.y }}` of most templates).
 * Read directly when every step lands on an own field of a plain object and the value found is a
 * string, number, boolean or plain object: exactly what JSONata answers then, with none of its
 * evaluation (a frame, a promise per step). Anything else (arrays on the way, which JSONata maps
 * over; a missing field; null; filters, predicates, `[]`, functions) is left to JSONata.
 */
interface PlainPath {
  /** '' for the root `$`. */
  readonly variable: '' | 'input' | 'nodes' | 'item';
  readonly fields: readonly string[];
}

/** The only keys a plain step of JSONata's AST has: anything more (stages, predicates, keepArray, a group, ...) changes its meaning. */
const PLAIN_STEP_KEYS = new Set(['type', 'value', 'position']);
const VARIABLES = new Set(['', 'input', 'nodes', 'item']);

interface AstNode {
  readonly type?: unknown;
  readonly value?: unknown;
  readonly steps?: readonly AstNode[];
}

const plainPaths = new WeakMap<jsonata.Expression, PlainPath | null>();

/** The expression's plain path, or undefined when it is anything else (decided once per compiled expression). */
export function plainPathOf(expression: jsonata.Expression): PlainPath | undefined {
  let known = plainPaths.get(expression);
  if (known === undefined) plainPaths.set(expression, (known = plainPathOfAst(expression.ast() as AstNode)));
  return known ?? undefined;
}

function plainPathOfAst(ast: AstNode): PlainPath | null {
  if (ast.type !== 'path' || !Object.keys(ast).every((key) => key === 'type' || key === 'steps' || key === 'position')) return null;
  const [first, ...rest] = ast.steps ?? [];
  if (first?.type !== 'variable' || typeof first.value !== 'string' || !VARIABLES.has(first.value) || rest.length === 0) return null;
  const fields: string[] = [];
  for (const step of [first, ...rest]) {
    if (!Object.keys(step).every((key) => PLAIN_STEP_KEYS.has(key))) return null;
    if (step === first) continue;
    if (step.type !== 'name' || typeof step.value !== 'string') return null;
    fields.push(step.value);
  }
  return { variable: first.value as PlainPath['variable'], fields };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !isJsonataFunction(value);

/**
 * The value `path` reads from `root` or `bindings`, wrapped, or undefined when JSONata must answer
 * instead (see `PlainPath`).
 */
export function readPlainPath(path: PlainPath, root: unknown, bindings: Readonly<Record<string, unknown>>): { readonly value: unknown } | undefined {
  if (path.variable !== '' && !Object.hasOwn(bindings, path.variable)) return undefined;
  let value = path.variable === '' ? root : bindings[path.variable];
  for (const field of path.fields) {
    if (!isPlainObject(value) || !Object.hasOwn(value, field)) return undefined;
    value = value[field];
  }
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || isPlainObject(value) ? { value } : undefined;
}
