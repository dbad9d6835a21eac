import { Field, ObjectType } from 'type-graphql';

/** What a WAITING run waits for: one parked node. */
@ObjectType('ExecutionWait')
export class ExecutionWaitType {
  @Field(() => String)
  nodeId!: string;

  /** time (a `delay` or time wait), retry (a back-off before the next attempt), webhook (a call to its resume URL) or event. */
  @Field(() => String)
  kind!: string;

  /** When the wait ends by itself: due for time and retry, the timeout for webhook and event. */
  @Field(() => Date)
  until!: Date;

  /** The event name an event wait waits for. */
  @Field(() => String, { nullable: true })
  event!: string | null;
}
