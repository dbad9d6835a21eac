import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { findWebhookPath, webhookTriggersOf } from '../../engine/triggers';
import { edge, flowOf, node } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';
import { generateWebhookPath } from './definition';

describe('trigger.webhook', () => {
  it('outputs the {body, headers, query} the gateway passes as execution input', async () => {
    const flow = flowOf(
      [node('hook', 'trigger.webhook', { path: 'orders/new' }), node('pick', 'transform', { expression: 'body.id' })],
      [edge('hook', 'pick')],
    );
    const input = { body: { id: 42 }, headers: { 'x-a': '1' }, query: {} };
    const result = await runFlow(flow, input);
    expect(result.nodeRuns.hook?.output).toEqual(input);
    expect(result.output).toBe(42);
  });

  it('defaults respond to end and methods to POST, and exposes path, respond and methods for the gateway', () => {
    const flow = flowOf([node('hook', 'trigger.webhook', { path: 'a/b', respond: 'immediately', methods: ['GET', 'HEAD'] }), node('h2', 'trigger.webhook')], []);
    expect(webhookTriggersOf(flow)).toEqual([
      { nodeId: 'hook', path: 'a/b', respond: 'immediately', methods: ['GET', 'HEAD'] },
      { nodeId: 'h2', path: '', respond: 'end', methods: ['POST'] },
    ]);
    expect(findWebhookPath(flow)).toBe('a/b');
  });

  it('refuses a method outside GET, POST, PUT, PATCH, DELETE, HEAD, and an empty list', () => {
    for (const methods of [['OPTIONS'], ['TRACE'], []]) {
      const result = validateFlow(flowOf([node('hook', 'trigger.webhook', { path: 'm/x', methods })], []));
      expect({ methods, code: result.problems[0]?.code }).toEqual({ methods, code: 'INVALID_CONFIG' });
    }
  });

  it('rejects paths with unsafe characters', () => {
    const result = validateFlow(flowOf([node('hook', 'trigger.webhook', { path: '../etc' })], []));
    expect(result.problems[0]).toMatchObject({ code: 'INVALID_CONFIG', nodeId: 'hook' });
    expect(result.problems[0]?.message).toContain('path');
  });

  it('rejects paths the gateway would not forward: dot segments, empty segments, URLs', () => {
    for (const path of ['a/../b', 'a/./b', 'a//b', 'a/', 'http://127.0.0.1:6379/x', 'a%2Fb']) {
      const result = validateFlow(flowOf([node('hook', 'trigger.webhook', { path })], []));
      expect({ path, code: result.problems[0]?.code }).toEqual({ path, code: 'INVALID_CONFIG' });
    }
    expect(validateFlow(flowOf([node('hook', 'trigger.webhook', { path: generateWebhookPath() })], [])).problems).toEqual([]);
  });

  it('generates unguessable paths', () => {
    const a = generateWebhookPath();
    expect(a).toMatch(/^hook\/[A-Za-z0-9_-]{24}$/);
    expect(generateWebhookPath()).not.toBe(a);
  });
});
