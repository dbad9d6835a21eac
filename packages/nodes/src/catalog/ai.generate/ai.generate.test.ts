import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import type { AiGenerateRequest, EngineServices } from '../../types';

const flow = flowOf(
  [trigger(), node('ask', 'ai.generate', { taskType: 'summarize', prompt: 'Summarize: {{ $input.text }}', maxTokens: 50 })],
  [edge('start', 'ask')],
);

describe('ai.generate', () => {
  it('renders the prompt template and calls the ai service with the task settings', async () => {
    const requests: AiGenerateRequest[] = [];
    const services: EngineServices = {
      ai: {
        async generate(req) {
          requests.push(req);
          return { text: 'short', provider: 'test', model: 'tiny' };
        },
      },
    };
    const result = await runFlow(flow, { text: 'a long story' }, { services });
    expect(requests).toEqual([
      { taskType: 'summarize', prompt: 'Summarize: a long story', temperature: 0.7, maxTokens: 50, cache: true },
    ]);
    expect(result.output).toEqual({ text: 'short', provider: 'test', model: 'tiny' });
  });

  it('fails with SERVICE_UNAVAILABLE when the worker has no ai service', async () => {
    const result = await runFlow(flow, { text: 'x' });
    expect(result.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', nodeId: 'ask' });
  });
});
