import { describe, expect, it } from 'vitest';
import { runFlow } from '../engine/run-flow';
import { edge, flowOf, node, trigger } from '../test-support/flow-builder';
import { validateFlow } from '../validation/validate-flow';
import { ExpressionEvaluator } from './evaluator';
import { expressionSyntaxError } from './compile';
import { DEFAULT_EXPRESSION_LIMITS } from './limits';

const evaluator = new ExpressionEvaluator('re', {
  root: { text: 'Dates: 2024-05 and 2025-11.' },
  bindings: { input: {}, nodes: {} },
  limits: DEFAULT_EXPRESSION_LIMITS,
});

/** The result as plain JSON: JSONata marks its sequences with extra array properties. */
async function json(source: string): Promise<unknown> {
  return JSON.parse(JSON.stringify(await evaluator.evaluate(source)) ?? 'null');
}

describe('regexes on the linear-time engine', () => {
  it('matches with groups, indexes and a limit as JSONata documents', async () => {
    expect(await json('$match(text, /(\\d{4})-(\\d{2})/)')).toEqual([
      { match: '2024-05', index: 7, groups: ['2024', '05'] },
      { match: '2025-11', index: 19, groups: ['2025', '11'] },
    ]);
    expect(await evaluator.evaluate('$match(text, /\\d{4}/, 1).match')).toBe('2024');
    expect(await json('$match("ab", /a(x)?b/).groups')).toEqual([null]);
  });

  it('replaces with group references and with a function', async () => {
    expect(await evaluator.evaluate('$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")')).toBe('Smith, John');
    expect(await evaluator.evaluate('$replace("a-b-c", /-/, "+", 1)')).toBe('a+b-c');
    expect(await evaluator.evaluate('$replace("1 2 3", /\\d/, function($m) { $string($number($m.match) * 2) })')).toBe('2 4 6');
  });

  it('splits and tests with regexes, flags included', async () => {
    expect(await json('$split("a1b22c", /\\d+/)')).toEqual(['a', 'b', 'c']);
    expect(await evaluator.evaluate('$contains("Hello", /HEL+O/i)')).toBe(true);
    expect(await evaluator.evaluate('$match("a\\nb", /^b$/m).index')).toBe(2);
    expect(await evaluator.evaluate('$contains("price: 10", /(?<=: )\\d+/)')).toBe(true);
    expect(await json('["x1", "y", "z22"][$ ~> /\\d/]')).toEqual(['x1', 'z22']);
  });

  it('runs regexes built inside $eval on the same engine', async () => {
    const expression = '$eval("$contains(\\"' + 'a'.repeat(40) + '!\\", /(a|aa)+$/)")';
    expect(await evaluator.evaluate(expression)).toBe(false);
  });

  it('keeps JSONata’s refusal of a pattern that matches the empty string forever', async () => {
    await expect(evaluator.evaluate('$match("abc", /x*/)')).rejects.toMatchObject({ code: 'EXPRESSION_ERROR' });
  });

  it('refuses backreferences and lookaheads when the flow is validated, not when it runs', async () => {
    for (const source of ['$match("aa", /(a)\\1/)', '$contains("ab", /a(?=b)/)', '$match("aa", /(?<x>a)\\k<x>/)']) {
      expect(expressionSyntaxError(source)).toContain('cannot run in linear time');
    }
    const flow = flowOf(
      [trigger(), node('check', 'condition', { expression: '$contains($string($), /a(?!b)/)' })],
      [edge('start', 'check')],
    );
    expect(validateFlow(flow).valid).toBe(false);
    const result = await runFlow(flow, {});
    expect(result.status).toBe('FAILED');
  });
});
