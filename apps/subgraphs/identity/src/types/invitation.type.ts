import { Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '@omnitron/server-kit';
import { WorkspaceRole } from './enums';

/**
 * An invitation into a workspace, addressed to an email. Inviting answers this same shape whether
 * or not an account has that email: nothing in it says which.
 */
@ObjectType('WorkspaceInvitation')
export class WorkspaceInvitationType {
  @Field(() => ID)
  id!: string;

  /** As invited, normalised (trimmed, lower-cased). */
  @Field(() => String)
  email!: string;

  @Field(() => WorkspaceRole)
  role!: Role;

  @Field(() => Date)
  invitedAt!: Date;

  /** After this it can no longer be accepted; inviting again renews it. */
  @Field(() => Date)
  expiresAt!: Date;
}

/**
 * What inviting answers: the invitation and the token that accepts it, shown here once and never
 * again (only its hash is kept). The inviter hands it to the invitee, as a link.
 */
@ObjectType('CreatedInvitation')
export class CreatedInvitationType {
  @Field(() => String)
  token!: string;

  @Field(() => WorkspaceInvitationType)
  invitation!: WorkspaceInvitationType;
}
