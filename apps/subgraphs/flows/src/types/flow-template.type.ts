import { Field, ID, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import { FlowContentFields } from './flow-content.type';
import { TemplateNeedType } from './template-need.type';

/** A built-in starting point; `createFlowFromTemplate` copies it into the workspace. */
@ObjectType('FlowTemplate')
export class FlowTemplateType extends FlowContentFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  category!: string;

  /** A run input the template works on as it stands (`$input`); the studio prefills the run dialog with it. */
  @Field(() => JSONScalar)
  sampleInput!: unknown;

  /** What its nodes need set up first (an AI provider, a credential), derived from the node catalog. */
  @Field(() => [TemplateNeedType])
  needs!: TemplateNeedType[];
}
