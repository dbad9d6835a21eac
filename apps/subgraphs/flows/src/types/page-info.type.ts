import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay page info; shareable so every subgraph's connections use the same type. */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
