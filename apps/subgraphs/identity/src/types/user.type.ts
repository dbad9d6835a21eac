import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** No field resolvers: fields read as they are (graphql-js's default resolver, no type-graphql wrapper per field). */
@ObjectType('User', { simpleResolvers: true })
@Directive('@key(fields: "id")')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;
}
