import { defineEntity, p } from '@mikro-orm/core';

/** One attempt at one provider during a routed call; the router learns from these. */
export const AiCallAttemptSchema = defineEntity({
  name: 'AiCallAttempt',
  tableName: 'ai_call_attempts',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    provider: p.string().length(100),
    model: p.string().length(200),
    taskType: p.string().length(64),
    latencyMs: p.integer(),
    inputTokens: p.integer().default(0),
    outputTokens: p.integer().default(0),
    /** `AttemptOutcome`. */
    outcome: p.string().length(32),
    errorCode: p.string().length(64).nullable(),
    at: p.datetime(),
  },
});

export class AiCallAttempt extends AiCallAttemptSchema.class {}
AiCallAttemptSchema.setClass(AiCallAttempt);
