import { z } from 'zod';
import { templateExpressions } from '../../expression/template';
import { defineNode } from '../node-definition';

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What a flow may not set on a webhook answer: the platform's cookies, framing and its own policy. */
export const RESPOND_WITHHELD_HEADERS: ReadonlySet<string> = new Set([
  'set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade',
  'content-security-policy', 'x-omnitron-execution-id',
]);

const jsonBody = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]);

/** What a `respond` node hands the webhook route: the answer of a `respond: end` webhook. */
export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A string is sent as text (text/plain unless a content-type header says otherwise), anything else as JSON. */
  readonly body: unknown;
}

export const respond = defineNode({
  type: 'respond',
  title: 'Respond to webhook',
  description: 'Sets the answer of a webhook with respond "end": status, headers and body (templates). Outputs {status, headers, body}.',
  category: 'flow',
  effects: 'none',
  icon: 'reply',
  fields: {
    status: z.number().int().min(200).max(599).default(200).describe('HTTP status, 200-599').meta({ title: 'Status' }),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, 'not an HTTP header name').refine((name) => !RESPOND_WITHHELD_HEADERS.has(name.toLowerCase()), 'a header the platform sets itself'),
        z.string(),
      )
      .default({})
      .describe('Header values may hold {{ expression }} parts, e.g. location: /orders/{{ $input.body.id }}')
      .meta({ title: 'Headers', widget: 'keyValue' }),
    body: jsonBody
      .optional()
      .describe('A string, or JSON whose strings may hold {{ expression }} parts; empty sends no body')
      .meta({ title: 'Body', widget: 'json' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => templateExpressions([config.headers, config.body]),
  async execute(ctx) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.config.headers)) {
      // A rendered value must still be one header line.
      headers[name.toLowerCase()] = (await ctx.expressions.renderText(value)).replace(/[\r\n\0]+/g, ' ');
    }
    const body = ctx.config.body === undefined ? null : await ctx.expressions.render(ctx.config.body);
    const answer: WebhookAnswer = { status: ctx.config.status, headers, body };
    return { output: answer };
  },
});
