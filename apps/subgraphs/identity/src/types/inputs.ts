import { Field, InputType } from 'type-graphql';
import type { Scope } from '@omnitron/server-kit';
import { ApiKeyScope } from './enums';

/** Checked by `registerRules` (input-rules.ts): lengths, email shape, password policy. */
@InputType('RegisterInput')
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: Scope[];
}
