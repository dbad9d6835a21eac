import { Field, InputType, ObjectType } from 'type-graphql';

@ObjectType('AiRouteTarget')
export class AiRouteTargetType {
  @Field(() => String)
  provider!: string;

  @Field(() => String)
  model!: string;
}

@InputType('AiRouteTargetInput')
export class AiRouteTargetInput {
  @Field(() => String)
  provider!: string;

  @Field(() => String)
  model!: string;
}

/** The order a task type's calls try providers in (before learned reordering). */
@ObjectType('AiRoute')
export class AiRouteType {
  @Field(() => String)
  taskType!: string;

  @Field(() => [AiRouteTargetType])
  targets!: AiRouteTargetType[];

  /** True when set with `setAiRoute`; false for the default built from providers' task types and priority. */
  @Field(() => Boolean)
  configured!: boolean;
}
