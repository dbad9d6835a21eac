import { z } from 'zod';
import { ErrorCode, NodeError } from '../../errors';
import type { ApprovalAnswer, WaitRequest } from '../../engine/suspension';
import { MAX_WAIT_MS, untilOf } from '../delay/wait-time';
import { defineNode, type NodeContext } from '../node-definition';
import { webhookSignatureSchema } from '../trigger.webhook/signature';

const DEFAULT_TIMEOUT_MS = 7 * 24 * 3_600_000;

const fields = {
  mode: z
    .enum(['time', 'webhook', 'event', 'approval'])
    .default('time')
    .describe('time: until `until` (or `ms`); webhook: until a POST to the run\'s resume URL ($resume.<this node id>); event: until sendEvent(name, payload, match) whose match holds this node\'s `match`; approval: until someone answers the page at the resume URL (approve takes `out`, reject `rejected`)')
    .meta({ title: 'Wait for', optionLabels: { time: 'A time', webhook: 'A call to the resume URL', event: 'An event', approval: 'An approval' } }),
  ms: z.number().int().min(0).max(MAX_WAIT_MS).optional().describe('time mode: milliseconds to wait (up to a year)').meta({ title: 'Milliseconds', placeholder: '60000' }),
  until: z
    .string()
    .min(1)
    .optional()
    .describe('time mode: JSONata giving the time to wait until (ISO 8601 with its zone, or epoch milliseconds)')
    .meta({ title: 'Until', widget: 'expression', placeholder: '$input.remindAt' }),
  event: z.string().min(1).max(200).optional().describe('event mode: the event name sendEvent must name').meta({ title: 'Event name', placeholder: 'order.paid' }),
  match: z
    .record(z.string().min(1).max(200), z.unknown())
    .optional()
    .describe('event mode: fields (`{{ }}` templates allowed) the event\'s `match` must hold with equal values; none matches every event of that name')
    .meta({ title: 'Match', widget: 'json', placeholder: '{ "orderId": "{{ $input.orderId }}" }' }),
  signature: webhookSignatureSchema
    .optional()
    .describe('webhook mode: check the caller\'s signature over the raw body (as a webhook trigger does); a bad or missing one answers 401 and resumes nothing')
    .meta({ title: 'Signature check' }),
  message: z
    .string()
    .max(4_000)
    .default('')
    .describe('approval mode: what the page asks (`{{ }}` templates allowed)')
    .meta({ title: 'Message', widget: 'template', placeholder: 'Approve the refund of {{ $input.amount }}?' }),
  form: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/).meta({ title: 'Name' }),
        label: z.string().min(1).max(200).meta({ title: 'Label' }),
        type: z.enum(['text', 'number', 'boolean']).default('text').meta({ title: 'Type' }),
        required: z.boolean().default(false).meta({ title: 'Required' }),
      }),
    )
    .max(20)
    .default([])
    .describe('approval mode: the fields the page asks for besides approve / reject; they come out in `fields`')
    .meta({ title: 'Form fields' }),
  waitTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(MAX_WAIT_MS)
    .default(DEFAULT_TIMEOUT_MS)
    .describe('webhook, event and approval modes: how long to wait before the timeout outcome (up to a year)')
    .meta({ title: 'Time out after (ms)' }),
  onTimeout: z
    .enum(['fail', 'continue'])
    .default('fail')
    .describe('webhook and event modes: fail the node with TIMEOUT, or continue on the `timeout` handle with the input')
    .meta({ title: 'On timeout', optionLabels: { fail: 'Fail the node', continue: 'Continue on `timeout`' } }),
};

type WaitConfig = z.output<z.ZodObject<typeof fields>>;

/** What the node waits for, and until when, from its config. */
async function requestOf(ctx: NodeContext<WaitConfig>): Promise<WaitRequest> {
  const { config } = ctx;
  if (config.mode === 'time') {
    const until = config.until === undefined ? Date.now() + (config.ms ?? 0) : untilOf(await ctx.expressions.evaluate(config.until));
    return { until, wait: { kind: 'time' } };
  }
  const until = Date.now() + config.waitTimeoutMs;
  if (config.mode === 'webhook') return { until, wait: { kind: 'webhook', ...(config.signature ? { signature: config.signature } : {}) } };
  if (config.mode === 'approval') return { until, wait: { kind: 'approval', message: await ctx.expressions.renderText(config.message), form: config.form } };
  const match = (await ctx.expressions.render(config.match ?? {})) as Record<string, unknown>;
  return { until, wait: { kind: 'event', event: config.event ?? '', match } };
}

export const wait = defineNode({
  type: 'wait',
  title: 'Wait',
  description:
    'Waits for a time, a POST to the run\'s own resume URL (its body becomes the output), an event sent with sendEvent (its payload becomes the output), or an answer on an approval page at that URL (approve / reject, with form fields and who answered). The run holds no worker while it waits (WAITING). Webhook and event waits time out: fail, or continue on `timeout`.',
  category: 'flow',
  effects: 'worker',
  icon: 'pause',
  fields,
  refine(config, ctx) {
    if (config.mode === 'time' && (config.ms === undefined) === (config.until === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'A time wait sets exactly one of `ms` and `until`' });
    }
    const names = config.form.map((field) => field.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['form'], message: 'Form field names must differ' });
    if (config.mode === 'event' && config.event === undefined) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'An event wait names its event' });
    }
  },
  inputs: ['in'],
  // `timeout` is taken only by a wait that can time out with `onTimeout: continue`; `rejected` only by an approval.
  outputs: ['out', 'timeout', 'rejected'],
  expressionsOf: (config) => (config.mode === 'time' && config.until !== undefined ? [config.until] : []),
  async execute(ctx) {
    const outcome = await ctx.waitFor(await requestOf(ctx));
    const { config } = ctx;
    const continues = config.mode !== 'time' && config.onTimeout === 'continue';
    switch (outcome.kind) {
      case 'received': {
        const rejected = config.mode === 'approval' && (outcome.payload as ApprovalAnswer | null)?.decision === 'reject';
        return { output: outcome.payload, handle: rejected ? 'rejected' : 'out' };
      }
      case 'timeout':
        if (!continues) throw new NodeError(ErrorCode.TIMEOUT, `nothing arrived within ${config.waitTimeoutMs} ms`, { retryable: false });
        return { output: ctx.upstream, handle: 'timeout' };
      case 'due':
        return { output: ctx.upstream, handle: 'out' };
    }
  },
});
