import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { NodeError } from '../errors';
import { BOUNDED_FUNCTIONS } from './bounded-functions';
import { ExpressionEvaluator } from './evaluator';
import { DEFAULT_EXPRESSION_LIMITS } from './limits';

/**
 * Random ordinary expressions (string, number, array, object and regex built-ins, including the
 * ones the bounded evaluator replaces) give the same result, or the same JSONata error, as plain
 * JSONata with V8's regex engine and no hooks.
 */

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', ' ', '1', '2', '-', 'é'), maxLength: 8 });
const literal = text.map((value) => JSON.stringify(value));
const smallInt = fc.integer({ min: -12, max: 12 }).map(String);
const regex = fc.constantFrom('/a+/', '/[ab]/', '/(a)(b)?/', '/\\d+/', '/A|b/i', '/\\w\\s/', '/^a/m', '/c$/', '/(?<=a)b/');

/**
 * Depth is capped (past it each `oneof` takes its first, non-recursive, choice): nested `$append`
 * doubles an array per level, and plain JSONata's quadratic `$distinct` on a deep one never ends.
 */
const DEPTH = { depthSize: 'small', maxDepth: 5, withCrossShrink: true } as const;

const { expr } = fc.letrec<{ str: string; num: string; arr: string; obj: string; expr: string }>((tie) => ({
  str: fc.oneof(
    DEPTH,
    literal,
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `(${a} & ${b})`),
    tie('str').map((a) => `$uppercase(${a})`),
    tie('str').map((a) => `$trim(${a})`),
    fc.tuple(tie('str'), smallInt, fc.constantFrom('"*"', '"ab"', '"é"', '""')).map(([a, n, c]) => `$pad(${a}, ${n}, ${c})`),
    fc.tuple(tie('str'), smallInt, smallInt).map(([a, n, m]) => `$substring(${a}, ${n}, ${m})`),
    fc.tuple(tie('str'), literal, literal).map(([a, p, r]) => `$replace(${a}, ${p}, ${r})`),
    fc.tuple(tie('str'), regex, fc.constantFrom('"-"', '"$1"', '"<$0>"')).map(([a, p, r]) => `$replace(${a}, ${p}, ${r})`),
    fc.tuple(tie('arr'), literal).map(([a, s]) => `$join($map(${a}, $string), ${s})`),
    fc.tuple(tie('expr'), fc.boolean()).map(([a, pretty]) => `$string(${a}${pretty ? ', true' : ''})`),
  ),
  num: fc.oneof(
    DEPTH,
    smallInt,
    fc.tuple(tie('num'), tie('num'), fc.constantFrom('+', '-', '*')).map(([a, b, op]) => `(${a} ${op} ${b})`),
    tie('str').map((a) => `$length(${a})`),
    tie('arr').map((a) => `$count(${a})`),
  ),
  arr: fc.oneof(
    DEPTH,
    fc.constant('$keys($)'),
    fc.array(tie('expr'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('str'), literal).map(([a, s]) => `$split(${a}, ${s})`),
    fc.tuple(tie('str'), regex).map(([a, p]) => `$split(${a}, ${p})`),
    fc.tuple(tie('str'), regex).map(([a, p]) => `$match(${a}, ${p})`),
    tie('arr').map((a) => `$distinct(${a})`),
    tie('arr').map((a) => `$reverse(${a})`),
    tie('arr').map((a) => `$sort(${a})`),
    fc.tuple(tie('str'), literal).map(([a, s]) => `$sort($split(${a}, ${s}))`),
    fc.tuple(tie('arr'), tie('arr')).map(([a, b]) => `$append(${a}, ${b})`),
    fc.constant('$distinct($.*)'),
  ),
  obj: fc.oneof(
    DEPTH,
    fc.constant('{"k": 1, "j": [true, null, "x"]}'),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{"k": ${a}, "j": ${b}}`),
    fc.tuple(tie('obj'), tie('obj')).map(([a, b]) => `$merge([${a}, ${b}])`),
    tie('obj').map((a) => `$clone(${a})`),
    tie('obj').map((a) => `(${a} ~> | $ | {"added": true} |)`),
  ),
  expr: fc.oneof(
    DEPTH,
    tie('str'),
    tie('num'),
    tie('arr'),
    tie('obj'),
    fc.tuple(tie('str'), regex).map(([a, p]) => `$contains(${a}, ${p})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} = ${b})`),
    fc.constant('$string($)'),
  ),
}));

type Outcome = { value: string } | { error: unknown };

async function plain(source: string, root: unknown): Promise<Outcome> {
  try {
    return { value: JSON.stringify(await jsonata(source).evaluate(root, { input: {}, nodes: {} })) };
  } catch (error) {
    return { error: (error as { code?: unknown }).code ?? String(error) };
  }
}

async function bounded(source: string, root: unknown): Promise<Outcome> {
  const evaluator = new ExpressionEvaluator('p', { root, bindings: { input: {}, nodes: {} }, limits: DEFAULT_EXPRESSION_LIMITS });
  try {
    return { value: JSON.stringify(await evaluator.evaluate(source)) };
  } catch (error) {
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe('EXPRESSION_ERROR');
    const cause = (error as NodeError).cause as { code?: unknown } | undefined;
    return { error: cause?.code ?? String(cause) };
  }
}

describe('bounded evaluation', () => {
  it('gives ordinary expressions the same result as plain JSONata', async () => {
    await fc.assert(
      fc.asyncProperty(expr, fc.jsonValue({ maxDepth: 2 }), async (source, root) => {
        expect(await bounded(source, root)).toEqual(await plain(source, root));
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('declares as many parameters as JSONata’s own built-ins, which $map and $filter pass by', async () => {
    const names = BOUNDED_FUNCTIONS.map(([name]) => name);
    const builtins = (await jsonata(`[${names.map((name) => `$${name}`).join(', ')}]`).evaluate(undefined)) as {
      implementation: (...args: unknown[]) => unknown;
    }[];
    expect(BOUNDED_FUNCTIONS.map(([name, implementation]) => [name, implementation.length])).toEqual(
      names.map((name, index) => [name, builtins[index]!.implementation.length]),
    );
  });
});
