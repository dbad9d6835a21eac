import { describe, expect, it } from 'vitest';
import { previewExpression, type PreviewScope } from './preview';

const scope: PreviewScope = {
  root: { amount: 120, items: [{ sku: 'a' }, { sku: 'b' }] },
  input: { body: { name: 'Ada' } },
  nodes: { fetch: { status: 200 } },
};

describe('previewExpression', () => {
  it('evaluates an expression over $, $input and $nodes', async () => {
    expect(await previewExpression('$.amount > 100 and $nodes.fetch.status = 200', 'expression', scope)).toEqual({ ok: true, value: true });
    const skus = await previewExpression('items.sku', 'expression', scope);
    expect(skus.ok && [...(skus.value as string[])]).toEqual(['a', 'b']);
    expect(await previewExpression('$input.body.missing', 'expression', scope)).toEqual({ ok: true, value: undefined });
  });

  it('points a syntax error at the offending token', async () => {
    const result = await previewExpression('amount bar', 'expression', scope);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPRESSION_ERROR', position: 7 } });
    if (!result.ok) expect(result.error.message).toMatch(/bar/);
  });

  it('points a run-time error at its operator', async () => {
    expect(await previewExpression('1 + "a"', 'expression', scope)).toMatchObject({ ok: false, error: { code: 'EXPRESSION_ERROR', position: 2 } });
  });

  it('renders a template and places an error inside its text', async () => {
    expect(await previewExpression('Hi {{ $input.body.name }}, {{ $count(items) }} items', 'template', scope)).toEqual({ ok: true, value: 'Hi Ada, 2 items' });
    expect(await previewExpression('{{ items }}', 'template', scope)).toEqual({ ok: true, value: [{ sku: 'a' }, { sku: 'b' }] });
    expect(await previewExpression('no parts', 'template', scope)).toEqual({ ok: true, value: 'no parts' });
    // `{{ 1 + }}` parses badly: the end of the part, at index 14 of the text.
    expect(await previewExpression('https://x/{{ 1 + }}', 'template', scope)).toMatchObject({ ok: false, error: { position: 16 } });
    expect(await previewExpression('a {{ "x" }} b {{ 1 + "y" }}', 'template', scope)).toMatchObject({ ok: false, error: { position: 19 } });
  });

  it('stops at the preview limits with EXPRESSION_LIMIT', async () => {
    const result = await previewExpression('$pad("", 2000000, "x")', 'expression', scope);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPRESSION_LIMIT' } });
    if (!result.ok) expect(result.error.message).toMatch(/1048576/);
  });
});
