import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExecutionStatus, JSONScalar } from '@omnitron/schema';

export const ExecutionStatusEnum = Object.fromEntries(ExecutionStatus.map((s) => [s, s])) as { [K in ExecutionStatus]: K };
registerEnumType(ExecutionStatusEnum, { name: 'ExecutionStatus' });

@ObjectType('Flow')
@Directive('@key(fields: "id", resolvable: false)')
export class FlowRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('ExecutionError')
export class ExecutionErrorType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  nodeId?: string;
}

@ObjectType('Execution')
@Directive('@key(fields: "id")')
export class ExecutionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ExecutionStatusEnum)
  status!: ExecutionStatus;

  @Field(() => Int)
  flowVersion!: number;

  @Field(() => JSONScalar, { nullable: true })
  input?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  output?: unknown;

  @Field(() => ExecutionErrorType, { nullable: true })
  error?: ExecutionErrorType | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;
}
