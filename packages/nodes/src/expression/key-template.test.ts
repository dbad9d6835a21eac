import { describe, expect, it } from 'vitest';
import { keyTemplateError, renderKeyTemplate } from './key-template';

describe('key templates', () => {
  it('renders a key from the run input', async () => {
    expect(await renderKeyTemplate('{{ $input.customerId }}', { customerId: 'c-1' })).toBe('c-1');
    expect(await renderKeyTemplate('{{ $input.region }}/{{ $input.id }}', { region: 'eu', id: 7 })).toBe('eu/7');
    expect(await renderKeyTemplate('{{ $input.missing }}', {})).toBe('');
  });

  it('accepts a template whose expressions compile', () => {
    expect(keyTemplateError('{{ $input.customerId }}')).toBeUndefined();
    expect(keyTemplateError('tenant-{{ $lowercase($input.t) }}')).toBeUndefined();
  });

  it('refuses a template without an expression, an empty one, or one that does not compile', () => {
    expect(keyTemplateError('$input.customerId')).toMatch(/no \{\{ \}\} expression/);
    expect(keyTemplateError('{{ }}')).toMatch(/empty/);
    expect(keyTemplateError('{{ $input.( }}')).toMatch(/does not compile/);
  });

  it('names the template when an expression fails on the input', async () => {
    await expect(renderKeyTemplate('{{ $number("x") }}', {})).rejects.toThrow(/`\{\{ \$number\("x"\) \}\}` failed on this input/);
  });
});
