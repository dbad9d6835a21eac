import { Field, ID, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import { PageInfo as PageInfoType } from '@omnitron/server-kit';
import { UserType } from './user.type';

@ObjectType('AuditEvent')
export class AuditEventType {
  @Field(() => ID)
  id!: string;

  /** `session.signed_in`, `api_key.revoked`, `member.role_changed`, ... */
  @Field(() => String)
  action!: string;

  /** Who did it; null when unknown. */
  @Field(() => UserType, { nullable: true })
  actor!: UserType | null;

  /** What it was done to (a user id, key id or email). */
  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => JSONScalar)
  details!: Record<string, unknown>;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEventType)
  node!: AuditEventType;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnectionType {
  @Field(() => [AuditEventEdgeType])
  edges!: AuditEventEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
