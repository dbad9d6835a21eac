import { Field, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** Why an expression did not evaluate, and where in its text. */
@ObjectType('ExpressionEvaluationError')
export class ExpressionEvaluationErrorType {
  /** EXPRESSION_ERROR, or EXPRESSION_LIMIT past a time or size bound. */
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  /** 0-based index in the text of the token at fault, when JSONata names one. */
  @Field(() => Int, { nullable: true })
  position!: number | null;
}

/** What an expression gives against some data, as a run would evaluate it. */
@ObjectType('ExpressionEvaluation')
export class ExpressionEvaluationType {
  /** False when the expression matched nothing (JSONata's undefined); `value` is then null. */
  @Field(() => Boolean)
  hasValue!: boolean;

  @Field(() => JSONScalar, { nullable: true })
  value!: unknown;

  @Field(() => ExpressionEvaluationErrorType, { nullable: true })
  error!: ExpressionEvaluationErrorType | null;
}
