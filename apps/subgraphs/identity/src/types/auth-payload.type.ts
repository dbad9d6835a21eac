import { Field, ObjectType } from 'type-graphql';
import type { Role } from '@omnitron/server-kit';
import { WorkspaceRole } from './enums';
import { UserType } from './user.type';
import { WorkspaceType } from './workspace.type';

/** A session: a 15-minute access token, a refresh token (rotated on use), and who it is for. */
@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String)
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String)
  refreshToken!: string;

  @Field(() => UserType)
  user!: UserType;

  /** The workspace the access token acts in. */
  @Field(() => WorkspaceType)
  workspace!: WorkspaceType;

  @Field(() => WorkspaceRole)
  role!: Role;
}
