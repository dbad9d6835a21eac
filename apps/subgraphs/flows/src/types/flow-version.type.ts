import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import { FlowProblemType } from './flow-problem.type';
import { PageInfo } from '@omnitron/server-kit';

/** One immutable save of a flow. `author` is a field resolver. */
@ObjectType('FlowVersion')
export class FlowVersionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  flowId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => JSONScalar)
  nodes!: unknown[];

  @Field(() => JSONScalar)
  edges!: unknown[];

  /** Validity as of this save (the catalog may have changed since; executions re-validate). */
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [FlowProblemType])
  problems!: FlowProblemType[];

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('FlowVersionEdge')
export class FlowVersionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => FlowVersionType)
  node!: FlowVersionType;
}

@ObjectType('FlowVersionConnection')
export class FlowVersionConnection {
  @Field(() => [FlowVersionEdge])
  edges!: FlowVersionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
