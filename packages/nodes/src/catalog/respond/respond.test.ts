import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';

const hook = () => node('hook', 'trigger.webhook', { path: 'orders/new' });

describe('respond', () => {
  it('renders status, headers and a JSON body template into the webhook answer', async () => {
    const flow = flowOf(
      [hook(), node('answer', 'respond', { status: 201, headers: { Location: '/orders/{{ $input.body.id }}', 'x-kind': 'order' }, body: { id: '{{ $input.body.id }}', ok: true } })],
      [edge('hook', 'answer')],
    );
    const result = await runFlow(flow, { body: { id: 42 }, headers: {}, query: {} });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.answer?.output).toEqual({ status: 201, headers: { location: '/orders/42', 'x-kind': 'order' }, body: { id: 42, ok: true } });
  });

  it('answers 200 with no body by default, and keeps a rendered header value on one line', async () => {
    const flow = flowOf([hook(), node('answer', 'respond', { headers: { 'x-note': '{{ $input.note }}' } })], [edge('hook', 'answer')]);
    const result = await runFlow(flow, { note: 'a\r\nset-cookie: x=1' });
    expect(result.nodeRuns.answer?.output).toEqual({ status: 200, headers: { 'x-note': 'a set-cookie: x=1' }, body: null });
  });

  it('refuses a status outside 200-599, a header that is no header name, and headers the platform sets itself', () => {
    const problemsOf = (data: Record<string, unknown>) => validateFlow(flowOf([hook(), node('answer', 'respond', data)], [edge('hook', 'answer')])).problems;
    for (const data of [{ status: 99 }, { status: 600 }, { status: 101 }, { headers: { 'bad name': 'x' } }, { headers: { 'Set-Cookie': 'session=1' } }, { headers: { 'content-security-policy': 'none' } }]) {
      expect({ data, codes: problemsOf(data).map((p) => p.code) }).toEqual({ data, codes: ['INVALID_CONFIG'] });
    }
    expect(problemsOf({ status: 204, headers: { 'cache-control': 'no-store' } })).toEqual([]);
  });
});
