import { at, edge, type FlowTemplate } from './flow-template';

export const aiSummarize: FlowTemplate = {
  id: 'ai-summarize',
  name: 'Summarise text with AI',
  description: 'Sends `input.text` to the model the intelligence service routes `summarize` tasks to and returns the summary.',
  category: 'AI',
  tags: ['ai', 'summarize'],
  sampleInput: { text: 'Omnitron runs flows of nodes. Each run records every node\'s input, output and timing, so a failed run can be retried from any node.' },
  nodes: [
    { id: 'start', type: 'trigger.manual', position: at(0), data: {} },
    {
      id: 'summarize',
      type: 'ai.generate',
      position: at(1),
      data: {
        taskType: 'summarize',
        prompt: 'Summarise the following text in at most three sentences.\n\n{{ $input.text }}',
        temperature: 0.2,
        maxTokens: 300,
      },
    },
    { id: 'summary', type: 'output', position: at(2), data: { expression: '{ "summary": $nodes.summarize.text, "model": $nodes.summarize.model }' } },
  ],
  edges: [edge('start', 'summarize'), edge('summarize', 'summary')],
};
