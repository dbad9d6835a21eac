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

  /**
   * Webhook calls that wait for the answer (`respond: end`) run in the process that received
   * them, with no queue, and are recorded once at the end. Allowed only for a webhook flow whose
   * nodes have no effects (or, with `ephemeralAllowEffects`, call HTTP or AI); never with code,
   * subflow, map, delay, wait or database nodes. A crash loses the record of calls in flight.
   */
  @Field(() => Boolean)
  ephemeral!: boolean;

  /** Lets an ephemeral flow run HTTP and AI nodes in process (not retried after a crash). */
  @Field(() => Boolean)
  ephemeralAllowEffects!: boolean;
}

/** Every setting of a flow; an omitted or null field takes its default (no limit, no key, 1, 0, no error flow, not ephemeral). */
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

  @Field(() => Boolean, { nullable: true })
  ephemeral?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  ephemeralAllowEffects?: boolean | null;
}
