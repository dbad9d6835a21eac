import { describe, expect, it } from 'vitest';
import { listNodeTypes } from '../catalog';
import { edge, flowOf, node } from '../test-support/flow-builder';
import { ephemeralRefusal, effectsOf } from './ephemeral';
import { prepareFlow, runFlow } from './run-flow';

const webhook = node('hook', 'trigger.webhook', { path: 'orders' });

describe('ephemeralRefusal', () => {
  it('allows a webhook flow of pure nodes', () => {
    const flow = flowOf(
      [webhook, node('set', 'transform', { expression: '$input' }), node('if', 'condition', { expression: 'true' }), node('answer', 'respond', { status: 200 })],
      [edge('hook', 'set'), edge('set', 'if'), edge('if', 'answer', 'true')],
    );
    expect(ephemeralRefusal(flow, { allowEffects: false })).toBeUndefined();
  });

  it('names an HTTP node unless effects are allowed', () => {
    const flow = flowOf([webhook, node('call', 'http.request', { url: 'https://example.com' })], [edge('hook', 'call')]);
    expect(ephemeralRefusal(flow, { allowEffects: false })).toMatchObject({ nodeId: 'call', message: expect.stringContaining('allow effects') });
    expect(ephemeralRefusal(flow, { allowEffects: true })).toBeUndefined();
  });

  it('refuses a node that needs the worker even with effects allowed', () => {
    for (const [type, data] of [['code', { source: 'return 1' }], ['delay', { ms: 10 }], ['subflow', { flowId: 'f' }]] as const) {
      const flow = flowOf([webhook, node('n', type, data)], [edge('hook', 'n')]);
      expect(ephemeralRefusal(flow, { allowEffects: true })).toMatchObject({ nodeId: 'n', message: expect.stringContaining('needs the worker') });
    }
  });

  it('refuses a flow without a webhook trigger', () => {
    const flow = flowOf([node('start', 'trigger.manual'), node('set', 'transform', { expression: '1' })], [edge('start', 'set')]);
    expect(ephemeralRefusal(flow, { allowEffects: true })?.message).toMatch(/webhook/);
  });

  it('has every catalog type declare its effects', () => {
    for (const type of listNodeTypes()) expect(['none', 'outside', 'worker'], type.type).toContain(effectsOf(type.type));
    expect(effectsOf('no.such.type')).toBe('worker');
  });
});

describe('prepareFlow', () => {
  it('runs one prepared flow many times, each run with its own state', async () => {
    const flow = flowOf([webhook, node('double', 'transform', { expression: '$input.n * 2' })], [edge('hook', 'double')]);
    const prepared = prepareFlow(flow);
    if ('error' in prepared) throw new Error(prepared.error.message);
    const results = await Promise.all([1, 2, 3].map((n) => runFlow(prepared, { n })));
    expect(results.map((result) => result.output)).toEqual([2, 4, 6]);
  });

  it('gives the VALIDATION_FAILED error of an invalid flow', () => {
    const prepared = prepareFlow(flowOf([webhook, node('bad', 'no.such.type')], [edge('hook', 'bad')]));
    expect(prepared).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
