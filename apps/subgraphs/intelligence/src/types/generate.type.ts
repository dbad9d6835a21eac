import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@InputType('GenerateTextInput')
export class GenerateTextInput {
  /** content_generation, quick_decision, sentiment_analysis, math_reasoning, long_context, code_generation, summarisation... */
  @Field(() => String)
  taskType!: string;

  @Field(() => String)
  prompt!: string;

  /** Force a model; routed when omitted. */
  @Field(() => String, { nullable: true })
  model?: string;

  @Field(() => Float, { nullable: true })
  temperature?: number;

  @Field(() => Int, { nullable: true })
  maxTokens?: number;

  /** Serve an identical earlier answer from the cache. @default true */
  @Field(() => Boolean, { nullable: true })
  cache?: boolean;
}

@ObjectType('AiUsage')
export class AiUsageType {
  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  outputTokens!: number;
}

@ObjectType('GeneratedText')
export class GeneratedTextType {
  @Field(() => String)
  text!: string;

  @Field(() => String)
  provider!: string;

  @Field(() => String)
  model!: string;

  @Field(() => AiUsageType)
  usage!: AiUsageType;

  @Field(() => Boolean)
  cached!: boolean;
}

@ObjectType('AiCallAttempt')
export class AiCallAttemptType {
  @Field(() => String)
  provider!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  taskType!: string;

  @Field(() => Int)
  latencyMs!: number;

  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  outputTokens!: number;

  /** SUCCEEDED, TIMEOUT, RATE_LIMITED, SERVER_ERROR, CLIENT_ERROR, NETWORK_ERROR, MALFORMED_RESPONSE, REFUSED, BLOCKED, ABORTED */
  @Field(() => String)
  outcome!: string;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => Date)
  at!: Date;
}
