import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('FlowNodeChange')
export class FlowNodeChange {
  @Field(() => String)
  id!: string;

  /** Which of `type`, `data`, `position` differ. */
  @Field(() => [String])
  fields!: string[];
}

/** What changed from version `from` to version `to`, by node and edge id. */
@ObjectType('FlowVersionDiff')
export class FlowVersionDiffType {
  @Field(() => ID)
  flowId!: string;

  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => [String])
  nodesAdded!: string[];

  @Field(() => [String])
  nodesRemoved!: string[];

  @Field(() => [FlowNodeChange])
  nodesChanged!: FlowNodeChange[];

  @Field(() => [String])
  edgesAdded!: string[];

  @Field(() => [String])
  edgesRemoved!: string[];

  /** Edges kept by id whose endpoints or handles changed. */
  @Field(() => [String])
  edgesChanged!: string[];

  /** `name`, `description`, `tags` when they differ. */
  @Field(() => [String])
  metadataChanged!: string[];
}
