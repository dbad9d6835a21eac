import { z } from 'zod';
import { ErrorCode, NodeError } from '../../errors';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

/** Runs `task` for every index, at most `limit` at a time; results keep the input order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const map = defineNode({
  type: 'map',
  title: 'Map',
  description: 'Runs `flowId` once per item of the `items` list (as input and $item), `concurrency` at a time.',
  category: 'flow',
  effects: 'worker',
  icon: 'repeat',
  fields: {
    items: z
      .string()
      .min(1)
      .describe('JSONata expression yielding the list')
      .meta({ title: 'Items', widget: 'expression', placeholder: '$.orders' }),
    flowId: z.string().min(1).describe('Id of the flow run once per item').meta({ title: 'Flow' }),
    concurrency: z.number().int().min(1).max(64).default(4).describe('Items run at the same time').meta({ title: 'Concurrency' }),
    maxItems: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(10_000)
      .describe('More items than this fail the node')
      .meta({ title: 'Most items' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => [config.items],
  async execute(ctx) {
    const flows = requireService(ctx.services, 'flows', 'map');
    const value = await ctx.expressions.evaluate(ctx.config.items);
    const items: unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (items.length > ctx.config.maxItems) {
      throw new NodeError(
        ErrorCode.NODE_FAILED,
        `map: ${items.length} items exceed maxItems ${ctx.config.maxItems}`,
        { retryable: false },
      );
    }
    const { flowId, concurrency } = ctx.config;
    const output = await mapConcurrently(items, concurrency, (item, index) =>
      flows.runSubflow({ flowId, input: item, item, index, parentNodeId: ctx.nodeId }, ctx.signal),
    );
    return { output };
  },
});
