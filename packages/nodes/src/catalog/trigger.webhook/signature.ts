import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A webhook trigger's signature check: the sender signs the raw body with a shared secret (kept in
 * a WEBHOOK_SECRET credential) and the request is refused (401) before any run when the signature
 * does not match. Three schemes cover the common senders:
 *
 * - `hmac`: HMAC of the raw body in `header`, after `prefix` — GitHub (`x-hub-signature-256`,
 *   `sha256=`), Shopify (`x-shopify-hmac-sha256`, base64, no prefix) and most others.
 * - `stripe`: `stripe-signature: t=<unix seconds>,v1=<hex>[,v1=...]` over `<t>.<body>`, SHA-256,
 *   with the timestamp within `toleranceSeconds`.
 * - `slack`: `x-slack-signature: v0=<hex>` over `v0:<timestamp>:<body>`, SHA-256, the timestamp
 *   from `x-slack-request-timestamp` within `toleranceSeconds`.
 */
export const webhookSignatureSchema = z.object({
  credential: z
    .string()
    .min(1)
    .describe('Name of the WEBHOOK_SECRET credential holding the shared secret')
    .meta({ title: 'Secret', widget: 'credential', credentialTypes: ['WEBHOOK_SECRET'] }),
  scheme: z
    .enum(['hmac', 'stripe', 'slack'])
    .default('hmac')
    .describe('hmac (GitHub and most), stripe (t=...,v1=...) or slack (v0:timestamp:body)')
    .meta({ title: 'Scheme', optionLabels: { hmac: 'HMAC (GitHub, Shopify, most)', stripe: 'Stripe', slack: 'Slack' } }),
  algorithm: z.enum(['sha256', 'sha1']).default('sha256').describe('HMAC hash (hmac scheme; stripe and slack use sha256)').meta({ title: 'Hash' }),
  header: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name')
    .optional()
    .describe('Header carrying the signature; defaults per scheme (x-hub-signature-256, stripe-signature, x-slack-signature)')
    .meta({ title: 'Header' }),
  prefix: z.string().max(64).optional().describe('Text before the digest (hmac scheme); defaults to "<algorithm>="').meta({ title: 'Prefix' }),
  encoding: z.enum(['hex', 'base64']).default('hex').describe('How the digest is written (hmac scheme)').meta({ title: 'Digest encoding' }),
  toleranceSeconds: z
    .number()
    .int()
    .positive()
    .max(86_400)
    .default(300)
    .describe('How old a timestamped signature may be (stripe, slack)')
    .meta({ title: 'Tolerance (seconds)' }),
});
export type WebhookSignature = z.infer<typeof webhookSignatureSchema>;

const DEFAULT_HEADER = { hmac: 'x-hub-signature-256', stripe: 'stripe-signature', slack: 'x-slack-signature' } as const;

/** The header the signature arrives in. */
export const signatureHeaderOf = (config: WebhookSignature): string => (config.header ?? DEFAULT_HEADER[config.scheme]).toLowerCase();

/** Equal strings in time independent of where they differ (the lengths are public). */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const hmac = (algorithm: string, secret: string, parts: ReadonlyArray<string | Buffer>) => {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

const withinTolerance = (seconds: number, now: number, toleranceSeconds: number) => Number.isFinite(seconds) && Math.abs(now / 1000 - seconds) <= toleranceSeconds;

/**
 * Whether `raw` (the body's bytes as received) carries a valid signature by `secret` under
 * `config`. `headers` have lower-case names; `now` is in milliseconds.
 */
export function verifyWebhookSignature(config: WebhookSignature, secret: string, raw: Buffer, headers: Readonly<Record<string, string>>, now = Date.now()): boolean {
  const sent = headers[signatureHeaderOf(config)];
  if (!sent || secret === '') return false;
  switch (config.scheme) {
    case 'hmac': {
      const digest = hmac(config.algorithm, secret, [raw]).toString(config.encoding);
      return sameText(sent.trim(), `${config.prefix ?? `${config.algorithm}=`}${digest}`);
    }
    case 'stripe': {
      const parts = sent.split(',').map((part) => part.trim().split('='));
      const timestamp = parts.find(([key]) => key === 't')?.[1];
      if (!timestamp || !/^\d+$/.test(timestamp) || !withinTolerance(Number(timestamp), now, config.toleranceSeconds)) return false;
      const expected = hmac('sha256', secret, [`${timestamp}.`, raw]).toString('hex');
      // Every v1 is compared, so the time taken does not say which one matched.
      return parts.filter(([key]) => key === 'v1').reduce((ok, [, value]) => sameText(value ?? '', expected) || ok, false);
    }
    case 'slack': {
      const timestamp = headers['x-slack-request-timestamp'];
      if (!timestamp || !/^\d+$/.test(timestamp) || !withinTolerance(Number(timestamp), now, config.toleranceSeconds)) return false;
      return sameText(sent.trim(), `v0=${hmac('sha256', secret, [`v0:${timestamp}:`, raw]).toString('hex')}`);
    }
  }
}
