import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A user, resolved by the identity subgraph. */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

/** A workspace, resolved by the identity subgraph. */
@ObjectType('Workspace')
@Directive('@key(fields: "id", resolvable: false)')
export class WorkspaceRef {
  @Field(() => ID)
  id!: string;
}
