/** Task types a route can be configured for. `embeddings` marks a provider for semantic search. */
export const TASK_TYPES = [
  'content_generation',
  'quick_decision',
  'sentiment_analysis',
  'math_reasoning',
  'long_context',
  'code_generation',
  'summarisation',
  'embeddings',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** The catch-all route for task types nobody configured: every provider, by priority. */
export const GENERAL_TASK = 'general';

const aliases: Readonly<Record<string, TaskType>> = {
  summarize: 'summarisation',
  summarise: 'summarisation',
  summarization: 'summarisation',
  summary: 'summarisation',
  content: 'content_generation',
  generation: 'content_generation',
  decision: 'quick_decision',
  classification: 'quick_decision',
  sentiment: 'sentiment_analysis',
  math: 'math_reasoning',
  reasoning: 'math_reasoning',
  code: 'code_generation',
  coding: 'code_generation',
  long: 'long_context',
  embedding: 'embeddings',
};

const known = new Set<string>(TASK_TYPES);

export function isTaskType(value: string): value is TaskType {
  return known.has(value);
}

/** `Summarize` -> `summarisation`; unknown names stay as given (they route as `general`). */
export function normaliseTaskType(value: string): string {
  const key = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return aliases[key] ?? key;
}

/** Tasks where a small, fast model is the sane default. */
const preferSmallModel = new Set<string>(['quick_decision', 'sentiment_analysis']);
const SMALL_MODEL = /mini|nano|haiku|flash|lite|small|instant|(^|\D)[1-9]b\b/i;

/** The model a provider uses for a task when no route names one. */
export function defaultModelFor(taskType: string, models: readonly string[]): string | undefined {
  if (preferSmallModel.has(taskType)) return models.find((m) => SMALL_MODEL.test(m)) ?? models[0];
  return models.find((m) => !SMALL_MODEL.test(m)) ?? models[0];
}
