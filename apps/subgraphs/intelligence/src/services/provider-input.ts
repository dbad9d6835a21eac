import { z } from 'zod';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { AiProviderKind } from '../providers';
import { isTaskType, normaliseTaskType, TASK_TYPES } from '../routing/task-types';

const taskType = z
  .string()
  .transform(normaliseTaskType)
  .refine(isTaskType, { message: `must be one of ${TASK_TYPES.join(', ')}` });

/**
 * http(s) only, with no user:password and no query string: keys go in `apiKey`, which is
 * encrypted, while the base URL is shown to every viewer.
 */
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, { message: 'must not contain credentials, a query string or a fragment (put the key in apiKey)' });

/** `configureAiProvider(input)`: the one source of the GraphQL input's rules. */
export const providerInputSchema = z.object({
  name: z.string().regex(/^[\w.-]{1,100}$/, 'letters, digits, ".", "-" and "_", at most 100'),
  kind: z.enum(Object.values(AiProviderKind) as [AiProviderKind, ...AiProviderKind[]]),
  baseUrl: baseUrl.optional(),
  /** Omitted on an update: keep the stored key. Empty: a keyless local server (Ollama, vLLM). */
  apiKey: z.string().max(1_000).optional(),
  /** The name of a workspace credential of type AI_PROVIDER_KEY to take the key from, instead of `apiKey`. */
  apiKeyCredential: z.string().min(1).max(100).optional(),
  models: z.array(z.string().min(1).max(200)).min(1).max(50),
  /** Omitted on an update: keep. On create: [] (every chat task). */
  taskTypes: z.array(taskType).max(TASK_TYPES.length).optional(),
  /** Omitted on an update: keep. On create: 0. */
  priority: z.number().int().min(-1_000).max(1_000).optional(),
  dailyQuota: z.number().int().positive().nullable().optional(),
}).refine((input) => input.apiKey === undefined || input.apiKeyCredential === undefined, { message: 'give apiKey or apiKeyCredential, not both', path: ['apiKeyCredential'] });
export type ProviderInput = z.infer<typeof providerInputSchema>;

export const routeInputSchema = z.object({
  taskType,
  targets: z.array(z.object({ provider: z.string().min(1).max(100), model: z.string().min(1).max(200) })).max(20),
});

/** `generateText(input)` and `POST /internal/ai/generate` bodies. */
export const generateRequestSchema = z.object({
  taskType: z.string().min(1).max(64),
  prompt: z.string().min(1).max(500_000),
  model: z.string().min(1).max(200).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(200_000).optional(),
  cache: z.boolean().optional(),
});

/** Parses with a schema, or VALIDATION_FAILED naming each bad field (never echoing values). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { problems });
}
