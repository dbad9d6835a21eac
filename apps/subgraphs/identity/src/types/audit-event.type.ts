import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
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

/** Relay page info; shareable so every subgraph's connections use the same type. */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoType {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
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
