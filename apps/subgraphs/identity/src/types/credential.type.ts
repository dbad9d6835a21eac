import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import { CREDENTIAL_TYPES, type CredentialType } from '@omnitron/nodes';

export const CredentialTypeEnum = Object.fromEntries(CREDENTIAL_TYPES.map((type) => [type, type])) as Record<CredentialType, CredentialType>;
registerEnumType(CredentialTypeEnum, { name: 'CredentialType', description: 'What a credential holds; each type has a fields schema (credentialTypes)' });

/** A credential as the API shows it: never a secret value. */
@ObjectType('Credential')
export class CredentialView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CredentialTypeEnum)
  type!: CredentialType;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /** Precise to about a minute. */
  @Field(() => Date, { nullable: true })
  lastUsedAt?: Date | null;
}

@InputType('CredentialInput')
export class CredentialInput {
  @Field(() => String)
  name!: string;

  @Field(() => CredentialTypeEnum)
  type!: CredentialType;

  /** The type's fields (see credentialTypes). On update, secret fields left out keep their stored values. */
  @Field(() => JSONScalar)
  fields!: unknown;
}

@ObjectType('CredentialTest')
export class CredentialTestType {
  @Field(() => Boolean)
  ok!: boolean;

  /** OK, or why not (HTTP_STATUS, HTTP_BLOCKED, CREDENTIAL_REJECTED, CONNECTION_FAILED, NO_TEST_URL...). */
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}

/** One credential type as the studio draws its form: the JSON schema of its fields. */
@ObjectType('CredentialTypeInfo')
export class CredentialTypeInfo {
  @Field(() => CredentialTypeEnum)
  type!: CredentialType;

  /** JSON Schema (input side); secret fields carry `secret: true` and `widget: "password"`. */
  @Field(() => JSONScalar)
  fieldsSchema!: Record<string, unknown>;

  @Field(() => [String])
  secretFields!: string[];
}
