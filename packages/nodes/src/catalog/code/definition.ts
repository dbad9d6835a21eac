import { z } from 'zod';
import { runInSandbox } from '../../sandbox/quickjs-sandbox';
import { defineNode } from '../node-definition';

export const code = defineNode({
  type: 'code',
  title: 'Code',
  description:
    'Runs JavaScript in a QuickJS WebAssembly sandbox with time and memory limits. `input` is the upstream value, `$nodes` the finished outputs; `return` the result (JSON).',
  category: 'data',
  effects: 'worker',
  icon: 'code',
  fields: {
    code: z
      .string()
      .min(1)
      .max(100_000)
      .describe('Function body: `input` is the upstream value, `$nodes` the finished outputs; `return` the output')
      .meta({ title: 'Code', widget: 'code', language: 'javascript', placeholder: 'return { total: input.items.length };' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  async execute(ctx) {
    const output = await runInSandbox({
      code: ctx.config.code,
      globals: { input: ctx.upstream, $nodes: ctx.nodes },
      timeoutMs: ctx.limits.codeTimeoutMs,
      memoryBytes: ctx.limits.codeMemoryBytes,
      signal: ctx.signal,
      logs: { lineMaxBytes: ctx.limits.logLineMaxBytes, maxBytes: ctx.limits.nodeLogsMaxBytes },
      onLog: (level, message, data) => ctx.log(level, message, data),
    });
    return { output };
  },
});
