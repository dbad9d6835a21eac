/**
 * How large a value is when written out: JSON characters, with a part that is referenced several
 * times counted each time. A JSONata value can share parts (`$x := [$x, $x]` doubles its written
 * size in one cheap step), and stringifying, comparing, cloning or flattening it walks every
 * occurrence: thirty such steps make one `$string` or `=` run for minutes. Measuring each step's
 * result this way keeps every later walk of it bounded.
 *
 * Sizes of containers at least MEMO_MIN are remembered per object, so measuring a new container
 * costs one look-up per child; walks stop as soon as they pass the caller's limit.
 */

const MEMO_MIN = 64;
const sizes = new WeakMap<object, number>();
/** Objects a transform (`|...|`) may still change after they were measured: never remembered. */
const volatile = new WeakSet<object>();

const NUMBER_SIZE = 8;

/** JSONata functions and lambdas stringify to "" and are never walked (a lambda holds its closure). */
export function isJsonataFunction(value: object): boolean {
  const tagged = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return typeof value === 'function' || tagged._jsonata_function === true || tagged._jsonata_lambda === true;
}

/** Written size of `value`, or some number above `limit` as soon as the walk passes it. */
export function valueSize(value: unknown, limit: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return NUMBER_SIZE;
    case 'boolean':
      return 5;
    case 'object':
      return value === null ? 4 : containerSize(value, limit);
    default:
      return 0;
  }
}

function containerSize(container: object, limit: number): number {
  const known = sizes.get(container);
  if (known !== undefined) return known;
  if (isJsonataFunction(container)) return 0;
  let total = 2;
  if (Array.isArray(container)) {
    for (const item of container as unknown[]) {
      total += 1 + valueSize(item, limit - total);
      if (total > limit) return total;
    }
  } else {
    // for-in walks V8's enum cache without allocating a key array; JSONata values have no enumerable inherited keys.
    for (const key in container) {
      total += key.length + 4 + valueSize((container as Record<string, unknown>)[key], limit - total);
      if (total > limit) return total;
    }
  }
  if (total >= MEMO_MIN && !volatile.has(container)) sizes.set(container, total);
  return total;
}

/**
 * Marks every container inside a fresh clone as changeable: a transform evaluates paths over the
 * clone (measuring its parts) and then assigns into them, which would leave remembered sizes stale.
 */
export function markVolatile(value: unknown): void {
  if (typeof value !== 'object' || value === null || volatile.has(value)) return;
  volatile.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) markVolatile(item);
}

/**
 * Never remember the size of this container itself (its parts still are): the run's `$nodes`
 * gains an output each time a node settles, so a size remembered early would undercount it later.
 */
export function neverRemember(value: unknown): void {
  if (typeof value === 'object' && value !== null) volatile.add(value);
}

/**
 * Upper bound of `JSON.stringify(value, null, 2)`'s length, or some number above `limit` once
 * passed: indentation grows with depth, so a deep value prettifies to far more than its size.
 */
export function prettySize(value: unknown, limit: number, depth = 1): number {
  if (typeof value !== 'object' || value === null) return valueSize(value, limit);
  if (isJsonataFunction(value)) return 0;
  const indent = 2 * depth + 1;
  let total = 2 + indent;
  const parts = Array.isArray(value)
    ? (value as unknown[]).map((item) => [0, item] as const)
    : Object.entries(value).map(([key, item]) => [key.length + 4, item] as const);
  for (const [keySize, item] of parts) {
    total += indent + keySize + prettySize(item, limit - total, depth + 1);
    if (total > limit) return total;
  }
  return total;
}
