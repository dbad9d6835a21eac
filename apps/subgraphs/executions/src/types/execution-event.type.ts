import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar, type ExecutionEventType } from '@omnitron/schema';
import { ExecutionEventTypeEnum } from './enums';

/** `execution` is a field resolver, so the gateway can expand it through federation. */
@ObjectType('ExecutionEvent')
export class ExecutionEventGqlType {
  @Field(() => ID)
  executionId!: string;

  /** Gapless per execution, from 1: reconnect with `afterSeq` = the last one seen. */
  @Field(() => Int)
  seq!: number;

  @Field(() => ExecutionEventTypeEnum)
  type!: ExecutionEventType;

  @Field(() => String, { nullable: true })
  nodeId!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => JSONScalar, { nullable: true })
  data?: unknown;
}

@ObjectType('TriggerSync')
export class TriggerSyncType {
  /** Webhook paths now registered for the flow (under /webhooks/). */
  @Field(() => [String])
  webhooks!: string[];

  /** Schedule trigger node ids now scheduled. */
  @Field(() => [String])
  schedules!: string[];
}
