import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JSONScalar, type NodeRunStatus } from '@omnitron/schema';
import { NodeRunStatusEnum } from './enums';

@ObjectType('NodeRunError')
export class NodeRunErrorType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType('NodeRunAttemptError')
export class NodeRunAttemptErrorType {
  @Field(() => Int)
  attempt!: number;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType('NodeRun')
export class NodeRunType {
  @Field(() => String)
  nodeId!: string;

  @Field(() => NodeRunStatusEnum)
  status!: NodeRunStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => JSONScalar, { nullable: true })
  input?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  output?: unknown;

  @Field(() => Boolean)
  outputTruncated!: boolean;

  @Field(() => NodeRunErrorType, { nullable: true })
  error?: NodeRunErrorType | null;

  /** Every failed attempt, retries included, in order. */
  @Field(() => [NodeRunAttemptErrorType])
  attemptErrors!: NodeRunAttemptErrorType[];

  /** Output handle taken (condition `true`/`false`, switch case, `error`). */
  @Field(() => String, { nullable: true })
  handle?: string | null;

  @Field(() => Date, { nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;

  /** Milliseconds, with sub-millisecond precision. */
  @Field(() => Float, { nullable: true })
  durationMs?: number | null;
}
