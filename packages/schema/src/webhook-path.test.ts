import { describe, expect, it } from 'vitest';
import { internalWebhookPath, isWebhookPath, webhookPathOfInternal } from './webhook-path';

describe('the webhook path grammar', () => {
  it('accepts names of segments, including generated ones', () => {
    for (const path of ['orders', 'orders/new', 'hook/-AbC_9', 'v1.2/x-y_z', 'a/b/c.json']) expect(isWebhookPath(path)).toBe(true);
  });

  it('refuses anything that could be read as a URL, a dot segment or an escape', () => {
    const refused = ['', '/a', 'a/', 'a//b', '.', '..', 'a/../b', 'a/./b', '.hidden', 'http://127.0.0.1/x', 'http:x', '//host/x', 'a%2Fb', '%2e%2e', 'a\\b', 'a?b', 'a#b', 'a b', 'ä', 'x'.repeat(201)];
    for (const path of refused) expect({ path, ok: isWebhookPath(path) }).toEqual({ path, ok: false });
  });
});

describe('the internal webhook route', () => {
  it('carries the path as one encoded segment and reads back only that encoding', () => {
    expect(internalWebhookPath('orders/new')).toBe('/internal/webhooks/orders%2Fnew');
    expect(webhookPathOfInternal('/internal/webhooks/orders%2Fnew')).toBe('orders/new');
    for (const urlPath of ['/internal/webhooks/orders/new', '/internal/webhooks/orders%2fnew', '/internal/webhooks/..%2Fx', '/internal/webhooks/%E0%A4%A', '/graphql']) {
      expect(webhookPathOfInternal(urlPath)).toBeUndefined();
    }
  });
});
