import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '@omnitron/server-kit';
import { WorkspaceRole } from './enums';
import { UserType } from './user.type';

@ObjectType('Workspace')
@Directive('@key(fields: "id")')
export class WorkspaceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  /** Created with the account. */
  @Field(() => Boolean)
  personal!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('WorkspaceMember')
export class WorkspaceMemberType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => WorkspaceRole)
  role!: Role;

  @Field(() => Date)
  joinedAt!: Date;
}
