import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/**
 * How a flow's runs are admitted and what happens when one fails (`updateFlowSettings`). Kept on
 * the flow, not on its versions: restoring a version keeps them, as it keeps `active`. A run pins
 * them when it starts.
 */
@ObjectType('FlowSettings')
export class FlowSettingsType {
  /** Most runs of this flow at once (1–1000); more wait in the queue. Null: no limit. */
  @Field(() => Int, { nullable: true })
  concurrencyLimit!: number | null;

  /**
   * A `{{ }}` template over the run input, such as `{{ $input.customerId }}`: runs with the same
   * key run at most `concurrencyKeyLimit` at once. Null: no key.
   */
  @Field(() => String, { nullable: true })
  concurrencyKey!: string | null;

  /** Most runs at once sharing one concurrency key (1–1000). */
  @Field(() => Int)
  concurrencyKeyLimit!: number;

  /** From -100 to 100: a waiting run of a higher-priority flow starts before lower ones. */
  @Field(() => Int)
  priority!: number;

  /** A flow of the same workspace started with the failure when a run of this flow fails. */
  @Field(() => ID, { nullable: true })
  errorFlowId!: string | null;
}

/** Every setting of a flow; an omitted or null field takes its default (no limit, no key, 1, 0, no error flow). */
@InputType('FlowSettingsInput')
export class FlowSettingsInputType {
  @Field(() => Int, { nullable: true })
  concurrencyLimit?: number | null;

  @Field(() => String, { nullable: true })
  concurrencyKey?: string | null;

  @Field(() => Int, { nullable: true })
  concurrencyKeyLimit?: number | null;

  @Field(() => Int, { nullable: true })
  priority?: number | null;

  @Field(() => ID, { nullable: true })
  errorFlowId?: string | null;
}
