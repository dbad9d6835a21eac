import { z } from 'zod';
import { templateExpressions } from '../../expression/template';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

export const aiGenerate = defineNode({
  type: 'ai.generate',
  title: 'AI generate',
  description: 'Generates text with the provider the intelligence service routes the task type to.',
  category: 'ai',
  effects: 'outside',
  icon: 'sparkles',
  needs: ['aiProvider'],
  fields: {
    taskType: z.string().min(1).describe('Task type used for routing, e.g. "summarize"').meta({ title: 'Task type' }),
    prompt: z
      .string()
      .min(1)
      .describe('Prompt text; {{ expression }} parts are filled in from the data')
      .meta({ title: 'Prompt', widget: 'template', placeholder: 'Summarize: {{ $.text }}' }),
    model: z.string().min(1).optional().describe('Force a model; routed when empty').meta({ title: 'Model' }),
    temperature: z.number().min(0).max(2).default(0.7).describe('0 answers the same way each time; higher varies more').meta({ title: 'Temperature' }),
    maxTokens: z.number().int().positive().max(200_000).default(1_024).describe('Longest answer, in tokens').meta({ title: 'Most tokens' }),
    cache: z.boolean().default(true).describe('Reuse an identical earlier answer').meta({ title: 'Reuse cached answers' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => templateExpressions(config.prompt),
  async execute(ctx) {
    const ai = requireService(ctx.services, 'ai', 'ai.generate');
    const { taskType, model, temperature, maxTokens, cache } = ctx.config;
    const prompt = await ctx.expressions.renderText(ctx.config.prompt);
    const result = await ai.generate(
      { taskType, prompt, temperature, maxTokens, cache, ...(model === undefined ? {} : { model }) },
      ctx.signal,
    );
    return { output: result };
  },
});
