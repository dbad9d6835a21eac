import { ArgsType, Field, ID, Int } from 'type-graphql';
import { FlowInput } from './flow-input';
import { FlowTriggerType } from './flow-trigger-type';

// Argument classes keep the SDL's argument order as written (parameter decorators run backwards).

@ArgsType()
export class PageArgs {
  /** Page size: default 20, at most 100. */
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class FlowsArgs extends PageArgs {
  /** Every word must occur in the name, description or tags (case-insensitive). */
  @Field(() => String, { nullable: true })
  search?: string | null;

  /** A whole tag, case-insensitive. */
  @Field(() => String, { nullable: true })
  tag?: string | null;

  /** Only active (true) or inactive (false) flows. */
  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  /** Only flows with a trigger of this kind. */
  @Field(() => FlowTriggerType, { nullable: true })
  triggerType?: FlowTriggerType | null;
}

@ArgsType()
export class CreateFlowArgs {
  @Field(() => FlowInput)
  input!: FlowInput;

  /** Stored with the first version. */
  @Field(() => String, { nullable: true })
  message?: string | null;
}

@ArgsType()
export class UpdateFlowArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => FlowInput)
  input!: FlowInput;

  /** The version the edit started from; a newer stored version is CONFLICT. Omitted: last save wins. */
  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  /** Stored with the version this save creates. */
  @Field(() => String, { nullable: true })
  message?: string | null;
}

@ArgsType()
export class RestoreFlowVersionArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}

@ArgsType()
export class FlowVersionArgs {
  @Field(() => ID)
  flowId!: string;

  @Field(() => Int)
  version!: number;
}

@ArgsType()
export class FlowVersionDiffArgs {
  @Field(() => ID)
  flowId!: string;

  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;
}

@ArgsType()
export class FlowFromTemplateArgs {
  @Field(() => ID)
  templateId!: string;

  /** Defaults to the template's name. */
  @Field(() => String, { nullable: true })
  name?: string | null;
}
