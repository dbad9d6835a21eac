import { Field, Int, ObjectType } from 'type-graphql';
import { FlowType } from './flow.type';
import { PageInfo } from '@omnitron/server-kit';

/** Plain objects built by `toPage`: fields read as they are (graphql-js's default resolver). */
@ObjectType('FlowEdge', { simpleResolvers: true })
export class FlowEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => FlowType)
  node!: FlowType;
}

/** A page of flows. `totalCount` counts the whole filtered list, and is computed only when selected. */
@ObjectType('FlowConnection', { simpleResolvers: true })
export class FlowConnection {
  @Field(() => [FlowEdge])
  edges!: FlowEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
