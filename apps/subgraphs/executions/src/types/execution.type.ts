import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar, type ExecutionStatus } from '@omnitron/schema';
import { ExecutionStatusEnum } from './enums';
import { NodeRunType } from './node-run.type';

@ObjectType('ExecutionError')
export class ExecutionErrorType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  nodeId?: string;
}

@ObjectType('ExecutionLog')
export class ExecutionLogType {
  @Field(() => Int)
  seq!: number;

  @Field(() => String, { nullable: true })
  nodeId?: string | null;

  @Field(() => String)
  level!: string;

  @Field(() => String)
  message!: string;

  @Field(() => JSONScalar, { nullable: true })
  data?: unknown;

  @Field(() => Date)
  at!: Date;
}

/** `flow`, `nodeRuns`, `logs` and `durationMs` are field resolvers (see ExecutionResolver). */
@ObjectType('Execution')
@Directive('@key(fields: "id")')
export class ExecutionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ExecutionStatusEnum)
  status!: ExecutionStatus;

  /** The flow version this run is pinned to. */
  @Field(() => Int)
  flowVersion!: number;

  /**
   * The flow's name at the pinned version, kept with the run: it still names the flow after the
   * flow is deleted, when `flow`'s fields from the flows subgraph (name, nodes...) no longer
   * resolve. Null only for runs recorded before names were pinned.
   */
  @Field(() => String, { nullable: true })
  flowName?: string | null;

  @Field(() => JSONScalar, { nullable: true })
  input?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  output?: unknown;

  /** The output was larger than the configured limit and is stored as a preview. */
  @Field(() => Boolean)
  outputTruncated!: boolean;

  @Field(() => ExecutionErrorType, { nullable: true })
  error?: ExecutionErrorType | null;

  /**
   * A test run of an unsaved draft (`testNode`): it ran the draft up to one node, used pinned
   * data, and changed nothing saved. Lists show it apart from runs of the saved flow.
   */
  @Field(() => Boolean)
  test!: boolean;

  /**
   * The run ran in the process that received its webhook call (the flow's `ephemeral` setting)
   * and was recorded once it ended: it streamed no events and kept no logs.
   */
  @Field(() => Boolean)
  ephemeral!: boolean;

  /** The run this one retries (`retryExecution`). */
  @Field(() => ID, { nullable: true })
  retryOfId?: string | null;

  /** The node a retry ran again from; every node upstream of it kept the retried run's results. */
  @Field(() => String, { nullable: true })
  retryFromNodeId?: string | null;

  /** Set on a subflow/map child run. */
  @Field(() => ID, { nullable: true })
  parentExecutionId?: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;
}

export { NodeRunType };
