import { Field, ID, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** A built-in starting point; `createFlowFromTemplate` copies it into the workspace. */
@ObjectType('FlowTemplate')
export class FlowTemplateType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  category!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => JSONScalar)
  nodes!: unknown[];

  @Field(() => JSONScalar)
  edges!: unknown[];
}
