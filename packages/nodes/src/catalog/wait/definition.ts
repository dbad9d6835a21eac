import { z } from 'zod';
import { ErrorCode, NodeError } from '../../errors';
import type { WaitRequest } from '../../engine/suspension';
import { MAX_WAIT_MS, untilOf } from '../delay/wait-time';
import { defineNode, type NodeContext } from '../node-definition';

const DEFAULT_TIMEOUT_MS = 7 * 24 * 3_600_000;

const fields = {
  mode: z
    .enum(['time', 'webhook', 'event'])
    .default('time')
    .describe('time: until `until` (or `ms`); webhook: until a POST to the run\'s resume URL ($resume.<this node id>); event: until sendEvent(name, payload, match) whose match holds this node\'s `match`')
    .meta({ title: 'Wait for', optionLabels: { time: 'A time', webhook: 'A call to the resume URL', event: 'An event' } }),
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
  waitTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(MAX_WAIT_MS)
    .default(DEFAULT_TIMEOUT_MS)
    .describe('webhook and event modes: how long to wait before the timeout outcome (up to a year)')
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
  if (config.mode === 'webhook') return { until, wait: { kind: 'webhook' } };
  const match = (await ctx.expressions.render(config.match ?? {})) as Record<string, unknown>;
  return { until, wait: { kind: 'event', event: config.event ?? '', match } };
}

export const wait = defineNode({
  type: 'wait',
  title: 'Wait',
  description:
    'Waits for a time, a POST to the run\'s own resume URL (its body becomes the output), or an event sent with sendEvent (its payload becomes the output). The run holds no worker while it waits (WAITING). Webhook and event waits time out: fail, or continue on `timeout`.',
  category: 'flow',
  icon: 'pause',
  fields,
  refine(config, ctx) {
    if (config.mode === 'time' && (config.ms === undefined) === (config.until === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'A time wait sets exactly one of `ms` and `until`' });
    }
    if (config.mode === 'event' && config.event === undefined) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'An event wait names its event' });
    }
  },
  inputs: ['in'],
  // `timeout` is taken only by a webhook or event wait with `onTimeout: continue`.
  outputs: ['out', 'timeout'],
  expressionsOf: (config) => (config.mode === 'time' && config.until !== undefined ? [config.until] : []),
  async execute(ctx) {
    const outcome = await ctx.waitFor(await requestOf(ctx));
    const { config } = ctx;
    const continues = config.mode !== 'time' && config.onTimeout === 'continue';
    switch (outcome.kind) {
      case 'received':
        return { output: outcome.payload, handle: 'out' };
      case 'timeout':
        if (!continues) throw new NodeError(ErrorCode.TIMEOUT, `nothing arrived within ${config.waitTimeoutMs} ms`, { retryable: false });
        return { output: ctx.upstream, handle: 'timeout' };
      case 'due':
        return { output: ctx.upstream, handle: 'out' };
    }
  },
});
