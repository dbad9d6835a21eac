import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { runFlow } from '../engine/run-flow';
import { NodeError } from '../errors';
import { edge, flowOf, node, trigger } from '../test-support/flow-builder';
import type { RunLimits } from '../types';
import { ExpressionEvaluator } from './evaluator';
import { DEFAULT_EXPRESSION_LIMITS, type ExpressionLimits } from './limits';

/**
 * Each attack ran for seconds or minutes, or took the worker's heap, inside a single JSONata step
 * before evaluations were bounded from inside the step. Every test here must return at all (a
 * hang fails on vitest's timeout) and fail the node with EXPRESSION_LIMIT; none asserts a duration.
 */

async function runTransform(expression: string, limits: RunLimits = {}) {
  const flow = flowOf([trigger(), node('attack', 'transform', { expression })], [edge('start', 'attack')]);
  return runFlow(flow, {}, { limits });
}

async function expectLimit(expression: string, limits: RunLimits = {}): Promise<string> {
  const result = await runTransform(expression, limits);
  expect(result.status).toBe('FAILED');
  expect(result.error).toMatchObject({ code: 'EXPRESSION_LIMIT', nodeId: 'attack' });
  expect(result.error?.message).toContain('Node "attack"');
  return result.error?.message ?? '';
}

/** `( $s := "aaaaaaaa"; $s := <step>; ... n times; $s )` */
const repeated = (start: string, step: string, times: number): string =>
  `( $s := ${start}; ${Array.from({ length: times }, () => `$s := ${step}`).join('; ')}; $s )`;

function evaluator(limits: Partial<ExpressionLimits> = {}): ExpressionEvaluator {
  return new ExpressionEvaluator('tpl', {
    root: {},
    bindings: { input: {}, nodes: {} },
    limits: { ...DEFAULT_EXPRESSION_LIMITS, ...limits },
  });
}

async function rejection(work: Promise<unknown>): Promise<NodeError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe('expressions bounded from inside a step', () => {
  it('stops a string doubled by & before it outgrows the string limit', async () => {
    const message = await expectLimit(repeated('"aaaaaaaa"', '$s & $s', 30));
    expect(message).toContain('over the limit of 4194304');
  });

  it('stops a string doubled by $uppercase before the worker heap fills', async () => {
    await expectLimit(repeated('"aaaaaaaa"', '$uppercase($s & $s)', 30));
  });

  it('stops a recursive function that doubles a string on each call', async () => {
    await expectLimit('($grow := function($s, $n) { $n = 0 ? $s : $grow($s & $s, $n - 1) }; $grow("ab", 40))');
  });

  it('refuses $pad("", 1e8) before building the padding', async () => {
    const message = await expectLimit('$pad("", 1e8)');
    expect(message).toContain('$pad would be a string of 100000000 characters');
  });

  it('applies the same bounds inside $eval, whose errors JSONata wraps', async () => {
    await expectLimit('$eval("$pad(\\"\\", 1e8)")');
  });

  it('refuses $replace and $join results over the string limit before building them', async () => {
    await expectLimit('$replace("aaaa", "a", $pad("", 3000000))');
    await expectLimit('$join([1..100].$pad("", 100000), ",")');
  });

  it('stops a structure that doubles by sharing itself before $string walks it', async () => {
    const message = await expectLimit(`(${repeated('{"a": 1}', '{"l": $s, "r": $s}', 30)} ~> $string)`);
    expect(message).toContain('larger than 16777216 characters as JSON');
  });

  it('stops arrays over the array limit, ranges included', async () => {
    await expectLimit('[1..10000000]');
    await expectLimit(repeated('[1]', '[$s, $s]', 30));
  });

  it('counts regex matches of one call against the array limit', async () => {
    const message = await expectLimit('$count($match($pad("", 20000, "a"), /a/))', { expressionMaxArrayLength: 10_000 });
    expect(message).toContain('$match matches would hold 10001 items');
  });

  it('keeps the deadline when an expression binds a variable named like the budget', async () => {
    const expression =
      '($__omnitronBudget := {"deadline": 9e15, "steps": 1, "limitMs": 1e9}; $loop := function($n) { $loop($n + 1) }; $loop(0))';
    const message = await expectLimit(expression, { expressionTimeoutMs: 50 });
    expect(message).toContain('ran longer than 50 ms');
  });

  it('stops a loop of regex matches at the deadline from inside the call', async () => {
    const message = await expectLimit('$count($match($pad("", 900000, "ab"), /a/))', { expressionTimeoutMs: 20 });
    expect(message).toContain('ran longer than 20 ms');
  });

  it('stops an evaluation that accumulates large strings once the heap passes its ceiling', async () => {
    const heapCeilingBytes = getHeapStatistics().used_heap_size + 64 * 1024 * 1024;
    const message = await expectLimit('$map([1..2000], function($i) { $pad("", 1000000, $string($i)) })', {
      expressionHeapCeilingBytes: heapCeilingBytes,
    });
    expect(message).toContain("the worker's heap passed");
  });
});

describe('regexes run in linear time', () => {
  it('answers catastrophic patterns at once instead of backtracking', async () => {
    const result = await runTransform(
      '[$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/), $contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a|aa)+$/)]',
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([false]);
  });
});

describe('templates get the same bounds', () => {
  it('fails a template whose expression outgrows a limit, naming the node', async () => {
    const error = await rejection(evaluator().renderText('padding: {{ $pad("", 1e8) }}'));
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toContain('Node "tpl"');
  });

  it('bounds a template as a whole: parts within the limit cannot add up past it', async () => {
    const error = await rejection(evaluator().renderText('{{ $pad("", 3000000) }}{{ $pad("", 3000000) }}'));
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toContain('the template would be a string of 6000000 characters');
  });

  it('stops runaway templates inside a rendered object at the deadline', async () => {
    const spin = '{{ ($loop := function($n) { $loop($n + 1) }; $loop(0)) }}';
    const error = await rejection(evaluator({ timeoutMs: 30 }).render({ a: spin, b: [spin, spin] }));
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toContain('ran longer than 30 ms');
  });
});

describe('ordinary expressions are unchanged', () => {
  it('keeps $distinct of many structures linear and its result in order', async () => {
    // JSONata's own $distinct compares 30,000 items with up to 15,000 kept ones: minutes.
    const expression = '($d := $distinct([1..30000].{"a": $ % 15000}); [$count($d), $d[0], $d[-1]])';
    const result = await runTransform(expression, { expressionTimeoutMs: 120_000 });
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual([15_000, { a: 1 }, { a: 0 }]);
  });

  it('sorts a large array without a comparator in one bounded step', async () => {
    // JSONata's merge sort copies the rest of a half per element: 100,000 numbers took about 20 s.
    const result = await runTransform('($s := $sort([1..100000] ~> $map(function($v) { 100000 - $v })); [$s[0], $s[-1]])', {
      expressionTimeoutMs: 120_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual([0, 99_999]);
  });

  it('measures what an expression builds, not the run input and node outputs it is handed', async () => {
    const part = { text: 'x'.repeat(100) };
    const ev = new ExpressionEvaluator('read', {
      root: { a: part, b: part },
      bindings: { input: { a: part, b: part }, nodes: { a: part, b: part } },
      limits: { ...DEFAULT_EXPRESSION_LIMITS, maxValueSize: 150 },
    });
    expect(await ev.evaluate('$count($keys($)) + $count($keys($nodes)) + $count($keys($input))')).toBe(6);
    expect(await ev.evaluate('$length($nodes.a.text)')).toBe(100);
    const error = await rejection(ev.evaluate('[$nodes.a, $nodes.b]'));
    expect(error.code).toBe('EXPRESSION_LIMIT');
  });

  it('measures $nodes afresh after more outputs arrived', async () => {
    const nodes: Record<string, unknown> = { a: { text: 'x'.repeat(80) } };
    const limits = { ...DEFAULT_EXPRESSION_LIMITS, maxValueSize: 500 };
    const first = new ExpressionEvaluator('first', { root: {}, bindings: { input: {}, nodes }, limits });
    expect(await first.evaluate('$count([$nodes])')).toBe(1);
    nodes.b = { text: 'y'.repeat(400) };
    const later = new ExpressionEvaluator('later', { root: {}, bindings: { input: {}, nodes }, limits });
    const error = await rejection(later.evaluate('$count([$nodes])'));
    expect(error.code).toBe('EXPRESSION_LIMIT');
  });

  it('keeps transforms working on clones whose parts were measured before they changed', async () => {
    const result = await runTransform('({"a": {"b": 1}} ~> | a | {"c": $pad("", 10, "z")} |)');
    expect(result.output).toEqual({ a: { b: 1, c: 'zzzzzzzzzz' } });
  });
});
