import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay page info, one definition for every subgraph's connections (shareable in the supergraph). */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
