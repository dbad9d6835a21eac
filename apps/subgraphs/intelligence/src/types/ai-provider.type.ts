import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AiProviderKind } from '../providers';
import { CircuitState } from '../routing/provider-state';

registerEnumType(AiProviderKind, { name: 'AiProviderKind', description: 'Wire format the provider speaks' });
registerEnumType(CircuitState, { name: 'CircuitState' });

export const AiProviderStatus = {
  /** Answering normally. */
  HEALTHY: 'HEALTHY',
  /** More than a quarter of today's attempts failed. */
  DEGRADED: 'DEGRADED',
  /** Skipped after a 429 until its retry-after passes. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Daily quota spent. */
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  /** Circuit open: skipped until a probe succeeds. */
  DOWN: 'DOWN',
} as const;
export type AiProviderStatus = (typeof AiProviderStatus)[keyof typeof AiProviderStatus];
registerEnumType(AiProviderStatus, { name: 'AiProviderStatus' });

/** A configured provider. Its API key is write-only: no field returns it. */
@ObjectType('AiProvider')
export class AiProviderType {
  @Field(() => String)
  name!: string;

  @Field(() => AiProviderKind)
  kind!: AiProviderKind;

  @Field(() => String)
  baseUrl!: string;

  /** The workspace credential (AI_PROVIDER_KEY) the key comes from; null when a key is stored with the provider. */
  @Field(() => String, { nullable: true })
  apiKeyCredential!: string | null;

  @Field(() => [String])
  models!: string[];

  @Field(() => [String])
  taskTypes!: string[];

  /** Lower is tried first in default routes. */
  @Field(() => Int)
  priority!: number;

  @Field(() => AiProviderStatus)
  status!: AiProviderStatus;

  @Field(() => CircuitState)
  circuitState!: CircuitState;

  /** Over successful attempts in the last 24 hours. */
  @Field(() => Int, { nullable: true })
  latencyP50Ms!: number | null;

  @Field(() => Int, { nullable: true })
  latencyP95Ms!: number | null;

  /** Failed attempts / attempts in the last 24 hours. */
  @Field(() => Float, { nullable: true })
  errorRate!: number | null;

  /** Calls sent today (UTC). */
  @Field(() => Int)
  quotaUsed!: number;

  /** Calls allowed per UTC day; null = unlimited. */
  @Field(() => Int, { nullable: true })
  quotaLimit!: number | null;
}

@InputType('AiProviderInput')
export class AiProviderInput {
  @Field(() => String)
  name!: string;

  @Field(() => AiProviderKind)
  kind!: AiProviderKind;

  /** Includes the API version (`https://api.openai.com/v1`); defaults exist for ANTHROPIC and GEMINI. */
  @Field(() => String, { nullable: true })
  baseUrl?: string;

  /** Write-only. Omit on an update to keep the stored key; "" for keyless local servers. */
  @Field(() => String, { nullable: true })
  apiKey?: string;

  /** Take the key from this workspace credential (type AI_PROVIDER_KEY) instead of `apiKey`; it is checked at save. */
  @Field(() => String, { nullable: true })
  apiKeyCredential?: string;

  @Field(() => [String])
  models!: string[];

  @Field(() => [String], { nullable: true })
  taskTypes?: string[];

  @Field(() => Int, { nullable: true })
  priority?: number;

  /** Calls per UTC day; null = unlimited. */
  @Field(() => Int, { nullable: true })
  dailyQuota?: number | null;
}

@ObjectType('AiProviderTest')
export class AiProviderTestType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int)
  latencyMs!: number;

  /** `HTTP_401`, `TIMEOUT`, `MALFORMED_RESPONSE`...; null when ok. */
  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => String)
  model!: string;
}
