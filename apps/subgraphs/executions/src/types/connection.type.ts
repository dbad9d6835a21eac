import { Field, ObjectType } from 'type-graphql';
import { PageInfo as PageInfoType } from '@omnitron/server-kit';
import { ExecutionType } from './execution.type';

@ObjectType('ExecutionEdge')
export class ExecutionEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => ExecutionType)
  node!: ExecutionType;
}

@ObjectType('ExecutionConnection')
export class ExecutionConnectionType {
  @Field(() => [ExecutionEdgeType])
  edges!: ExecutionEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
