import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignatureSchema } from './signature';

const config = (input: Record<string, unknown>) => webhookSignatureSchema.parse({ credential: 'secret', ...input });
const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('webhook signature check', () => {
  it('accepts GitHub’s documented example (x-hub-signature-256, sha256=) and refuses a changed body', () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const headers = { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' };
    expect(verifyWebhookSignature(config({}), "It's a Secret to Everybody", Buffer.from('Hello, World!'), headers)).toBe(true);
    expect(verifyWebhookSignature(config({}), "It's a Secret to Everybody", Buffer.from('Hello, World?'), headers)).toBe(false);
    expect(verifyWebhookSignature(config({}), 'another secret', Buffer.from('Hello, World!'), headers)).toBe(false);
    expect(verifyWebhookSignature(config({}), "It's a Secret to Everybody", Buffer.from('Hello, World!'), {})).toBe(false);
  });

  it('checks SHA-1 with its own prefix, and base64 digests without a prefix (Shopify style)', () => {
    const body = Buffer.from('{"id":1}');
    const sha1 = `sha1=${createHmac('sha1', 's').update(body).digest('hex')}`;
    expect(verifyWebhookSignature(config({ algorithm: 'sha1', header: 'X-Hub-Signature' }), 's', body, { 'x-hub-signature': sha1 })).toBe(true);
    const shopify = createHmac('sha256', 's').update(body).digest('base64');
    expect(verifyWebhookSignature(config({ header: 'x-shopify-hmac-sha256', prefix: '', encoding: 'base64' }), 's', body, { 'x-shopify-hmac-sha256': shopify })).toBe(true);
  });

  it('checks a Stripe-style timestamped signature, any of several v1 values, within the tolerance only', () => {
    const body = Buffer.from('{"type":"charge.succeeded"}');
    const t = Math.floor(NOW / 1000) - 60;
    const v1 = createHmac('sha256', 'whsec_x').update(`${t}.`).update(body).digest('hex');
    const stripe = config({ scheme: 'stripe' });
    expect(verifyWebhookSignature(stripe, 'whsec_x', body, { 'stripe-signature': `t=${t},v1=${'0'.repeat(64)},v1=${v1}` }, NOW)).toBe(true);
    expect(verifyWebhookSignature(stripe, 'whsec_x', Buffer.from('{"type":"charge.refunded"}'), { 'stripe-signature': `t=${t},v1=${v1}` }, NOW)).toBe(false);
    expect(verifyWebhookSignature(stripe, 'whsec_x', body, { 'stripe-signature': `t=${t},v1=${v1}` }, NOW + 600_000)).toBe(false);
    expect(verifyWebhookSignature(stripe, 'whsec_x', body, { 'stripe-signature': `v1=${v1}` }, NOW)).toBe(false);
  });

  it('checks Slack’s v0:timestamp:body signature and its timestamp', () => {
    const body = Buffer.from('token=x&command=%2Fdeploy');
    const ts = String(Math.floor(NOW / 1000));
    const sig = `v0=${createHmac('sha256', 'slack-secret').update(`v0:${ts}:`).update(body).digest('hex')}`;
    const slack = config({ scheme: 'slack' });
    expect(verifyWebhookSignature(slack, 'slack-secret', body, { 'x-slack-signature': sig, 'x-slack-request-timestamp': ts }, NOW)).toBe(true);
    expect(verifyWebhookSignature(slack, 'slack-secret', body, { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(Number(ts) - 1) }, NOW)).toBe(false);
    expect(verifyWebhookSignature(slack, 'slack-secret', body, { 'x-slack-signature': sig, 'x-slack-request-timestamp': ts }, NOW + 3_600_000)).toBe(false);
  });
});
