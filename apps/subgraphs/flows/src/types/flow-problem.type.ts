import { Field, ObjectType } from 'type-graphql';

/** One problem the node catalog found in a flow. `severity` is `error` or `warning`. */
@ObjectType('FlowProblem')
export class FlowProblemType {
  @Field(() => String, { nullable: true })
  nodeId?: string;

  @Field(() => String, { nullable: true })
  edgeId?: string;

  /** UPPER_SNAKE code from the catalog's `ProblemCode` (DUPLICATE_ID, INVALID_CONFIG, CYCLE...). */
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String)
  severity!: string;
}

@ObjectType('FlowValidation')
export class FlowValidationType {
  /** No problem of severity `error` (warnings allowed). */
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [FlowProblemType])
  problems!: FlowProblemType[];
}
