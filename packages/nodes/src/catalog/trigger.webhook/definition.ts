import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { WEBHOOK_PATH_MAX_LENGTH, WEBHOOK_PATH_PATTERN, WEBHOOK_PATH_RULE } from '@omnitron/schema/webhook-path';
import { defineNode } from '../node-definition';

/**
 * The platform's one webhook path grammar (the gateway forwards nothing else); empty means
 * "generate one at save" (see `generateWebhookPath`).
 */
export const webhookPathSchema = z
  .string()
  .max(WEBHOOK_PATH_MAX_LENGTH)
  .regex(new RegExp(`^$|${WEBHOOK_PATH_PATTERN.source}`), WEBHOOK_PATH_RULE);

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  title: 'Webhook',
  description: 'Starts the flow on POST /webhooks/<path>; outputs {body, headers, query}.',
  category: 'trigger',
  icon: 'webhook',
  fields: {
    path: webhookPathSchema.default('').describe('Path under /webhooks/; generated when empty'),
    respond: z
      .enum(['end', 'immediately'])
      .default('end')
      .describe('end: reply with the flow output; immediately: 202 with the execution id'),
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
