import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { ExpressionEvaluator } from './evaluator';
import { DEFAULT_EXPRESSION_LIMITS } from './limits';
import { plainPathOf, readPlainPath } from './plain-path';

const lambda = jsonata('function($x) { $x }').evaluate({}) as Promise<unknown>;

/** Values as runs hand them in: outputs with arrays, nulls, odd keys and prototype names on the way. */
async function scopeOf() {
  const nodes: Record<string, unknown> = {
    set: { n: 3, doubled: 6, flag: false, text: 'é "q"', nested: { deep: { x: 1 } }, empty: {} },
    list: { items: [{ a: 1 }, { a: 2 }], one: [{ a: 1 }], matrix: [[1], [2]] },
    nulls: { value: null },
    'my key': { x: 'spaced' },
    fn: { f: await lambda },
  };
  const input = { body: { n: 7 }, headers: { 'content-type': 'application/json' } };
  return { root: { a: { b: 'root' }, list: [1, 2] }, bindings: { input, nodes } };
}

const EXPRESSIONS = [
  // Read directly.
  '$nodes.set.n', '$nodes.set.doubled', '$nodes.set.flag', '$nodes.set.text', '$nodes.set.nested', '$nodes.set.nested.deep.x', '$nodes.set.empty',
  '$input.body.n', '$input.headers.`content-type`', '$nodes.`my key`.x', '$.a.b', '$.a', '$nodes.list',
  // Left to JSONata: arrays on the way or found, missing fields, null, prototype names, functions, filters, keepArray, other shapes.
  '$nodes.list.items', '$nodes.list.items.a', '$nodes.list.one.a', '$nodes.list.matrix', '$nodes.list.items[0].a', '$nodes.list.items.a[]', '$nodes.set.n[]',
  '$nodes.missing', '$nodes.missing.x', '$nodes.set.n.x', '$nodes.nulls.value', '$nodes.nulls.value.x',
  '$nodes.constructor', '$nodes.set.constructor.name', '$nodes.__proto__', '$nodes.set.toString', '$nodes.set.hasOwnProperty',
  '$nodes.fn.f', '$nodes.fn.f.x', '$item.x', '$other.x', '$nodes', '$', 'a.b', '$.list', '$nodes.set{"k": n}', '$nodes.set.(n)', '$nodes.set.n + 1',
  '$nodes.set.*', '$nodes.**.x', '$nodes.set.%.n', '$nodes.set@$s.n', '$nodes.set#$i.n', '$nodes.set^(n).n',
];

describe('plain paths: read directly, exactly as JSONata reads them', () => {
  it('answers what JSONata answers, for every expression, direct or not', async () => {
    const scope = await scopeOf();
    const evaluator = new ExpressionEvaluator('path', { ...scope, limits: DEFAULT_EXPRESSION_LIMITS });
    for (const source of EXPRESSIONS) {
      const expected = await jsonata(source).evaluate(scope.root, scope.bindings).then(
        (value: unknown) => ({ value }),
        (error: unknown) => ({ error: (error as { code?: string }).code }),
      );
      const actual = await evaluator.evaluate(source).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: ((error as { cause?: { code?: string } }).cause ?? {}).code }),
      );
      expect({ source, ...actual }).toEqual({ source, ...expected });
    }
  });

  it('reads directly only the plain ones, and hands back the very value given', async () => {
    const scope = await scopeOf();
    const direct = EXPRESSIONS.filter((source) => {
      const path = plainPathOf(compileExpression(source));
      return path !== undefined && readPlainPath(path, scope.root, scope.bindings) !== undefined;
    });
    expect(direct).toEqual(EXPRESSIONS.slice(0, 13));
    const path = plainPathOf(compileExpression('$nodes.set.nested'))!;
    expect(readPlainPath(path, scope.root, scope.bindings)?.value).toBe((scope.bindings.nodes.set as { nested: unknown }).nested);
  });

  it('leaves a variable the bindings do not hold to JSONata', async () => {
    const path = plainPathOf(compileExpression('$item.x'))!;
    expect(path).toBeDefined();
    expect(readPlainPath(path, {}, { input: {}, nodes: {} })).toBeUndefined();
    expect(readPlainPath(path, {}, { input: {}, nodes: {}, item: { x: 1 } })).toEqual({ value: 1 });
  });
});
