import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { WEBHOOK_PATH_MAX_LENGTH, WEBHOOK_PATH_PATTERN, WEBHOOK_PATH_RULE } from '@omnitron/schema/webhook-path';
import { defineNode } from '../node-definition';
import { webhookSignatureSchema } from './signature';

/**
 * The platform's one webhook path grammar (the gateway forwards nothing else); empty means
 * "generate one at save" (see `generateWebhookPath`).
 */
export const webhookPathSchema = z
  .string()
  .max(WEBHOOK_PATH_MAX_LENGTH)
  .regex(new RegExp(`^$|${WEBHOOK_PATH_PATTERN.source}`), WEBHOOK_PATH_RULE);

/** The methods a webhook can accept. */
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  title: 'Webhook',
  description: 'Starts the flow on a request to /webhooks/<path>; outputs {method, body, rawBody, contentType, size, files, headers, query}.',
  category: 'trigger',
  effects: 'none',
  icon: 'webhook',
  fields: {
    path: webhookPathSchema.default('').describe('Path under /webhooks/; generated when empty').meta({ title: 'Path' }),
    methods: z
      .array(z.enum(WEBHOOK_METHODS))
      .min(1)
      .default(['POST'])
      .describe('Methods the webhook accepts; another answers 405 and starts nothing')
      .meta({ title: 'Methods' }),
    respond: z
      .enum(['end', 'immediately'])
      .default('end')
      .describe('end: reply with the flow output, or what a respond node set; immediately: 202 with the execution id')
      .meta({ title: 'Respond', optionLabels: { end: 'When the flow ends', immediately: 'Immediately (202)' } }),
    signature: webhookSignatureSchema
      .optional()
      .describe('Check the sender’s signature over the raw body; a bad or missing one answers 401 and starts nothing')
      .meta({ title: 'Signature check' }),
  },
  inputs: [],
  outputs: ['out'],
  async execute(ctx) {
    return { output: ctx.input };
  },
});

/** An unguessable webhook path for a trigger saved with an empty one. */
export function generateWebhookPath(): string {
  return `hook/${randomBytes(18).toString('base64url')}`;
}
