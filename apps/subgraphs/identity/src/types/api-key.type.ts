import { Field, ID, ObjectType } from 'type-graphql';
import type { Scope } from '@omnitron/server-kit';
import { ApiKeyScope } from './enums';

@ObjectType('ApiKey')
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: Scope[];

  /** The first characters of the secret (`omk_abc123`), to tell keys apart. */
  @Field(() => String)
  displayPrefix!: string;

  /** Precise to about a minute. */
  @Field(() => Date, { nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

/** The secret is shown here once and never again. */
@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => String)
  secret!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}
