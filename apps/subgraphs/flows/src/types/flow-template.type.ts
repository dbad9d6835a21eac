import { Field, ID, ObjectType } from 'type-graphql';
import { FlowContentFields } from './flow-content.type';

/** A built-in starting point; `createFlowFromTemplate` copies it into the workspace. */
@ObjectType('FlowTemplate')
export class FlowTemplateType extends FlowContentFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  category!: string;
}
