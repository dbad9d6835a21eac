import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { callerOf, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');

const EVALUATE = `query ($expression: String!, $template: Boolean, $context: JSON) {
  evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }
}`;
type Evaluation = { hasValue: boolean; value: unknown; error: { code: string; message: string; position: number | null } | null };
const evaluate = (variables: Record<string, unknown>, caller: Caller | null = editor) => kit.flows.request<{ evaluateExpression: Evaluation }>(EVALUATE, variables, caller);

const context = { root: { total: 42, lines: [{ sku: 'a' }, { sku: 'b' }] }, input: { body: { name: 'Ada' } }, nodes: { fetch: { status: 201 } } };

describe('evaluateExpression', () => {
  it('evaluates against $, $input and $nodes as a run would', async () => {
    const result = await evaluate({ expression: '{ "skus": lines.sku, "who": $input.body.name, "ok": $nodes.fetch.status = 201 }', context });
    expect(result.data?.evaluateExpression).toEqual({ hasValue: true, value: { skus: ['a', 'b'], who: 'Ada', ok: true }, error: null });
  });

  it('says when an expression matches nothing, and evaluates against nothing without a context', async () => {
    expect((await evaluate({ expression: '$input.nope', context })).data?.evaluateExpression).toEqual({ hasValue: false, value: null, error: null });
    expect((await evaluate({ expression: '1 + 1' })).data?.evaluateExpression.value).toBe(2);
  });

  it('renders templates and answers an error with its position in the text', async () => {
    expect((await evaluate({ expression: 'Hello {{ $input.body.name }}', template: true, context })).data?.evaluateExpression.value).toBe('Hello Ada');
    const broken = (await evaluate({ expression: 'total +', context })).data?.evaluateExpression;
    expect(broken).toMatchObject({ hasValue: false, value: null, error: { code: 'EXPRESSION_ERROR', position: 7 } });
    const runtime = (await evaluate({ expression: 'x {{ $input.body.name + 1 }}', template: true, context })).data?.evaluateExpression;
    // The `+` at index 22 of the text.
    expect(runtime?.error).toMatchObject({ code: 'EXPRESSION_ERROR', position: 22 });
  });

  it('stops a runaway expression at its limit', async () => {
    const result = await evaluate({ expression: '$count([1..10000000])' });
    expect(result.data?.evaluateExpression.error?.code).toBe('EXPRESSION_LIMIT');
  });

  it('refuses a malformed context with VALIDATION_FAILED naming it, and a viewer or a stranger', async () => {
    const bad = await evaluate({ expression: '1', context: { nodes: 'x' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'context' });
    const extra = await evaluate({ expression: '1', context: { other: 1 } });
    expect(extra.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'context' });
    expect((await evaluate({ expression: '1' }, callerOf(workspace, 'viewer'))).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await evaluate({ expression: '1' }, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
