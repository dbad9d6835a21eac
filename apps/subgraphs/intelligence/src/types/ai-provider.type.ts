import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('AiProvider')
export class AiProviderType {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => [String])
  models!: string[];

  @Field(() => [String])
  taskTypes!: string[];

  @Field(() => Int)
  priority!: number;
}
