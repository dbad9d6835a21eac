import { Directive, Field, ObjectType } from 'type-graphql';
import { ExecutionType } from './execution.type';

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoType {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

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
