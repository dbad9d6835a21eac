import { Field, ID, Int, ObjectType } from 'type-graphql';
import { FlowContentFields } from './flow-content.type';
import { FlowProblemType } from './flow-problem.type';
import { PageInfo } from '@omnitron/server-kit';

/** One immutable save of a flow. `author` is a field resolver. */
@ObjectType('FlowVersion')
export class FlowVersionType extends FlowContentFields {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  flowId!: string;

  @Field(() => Int)
  version!: number;

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
