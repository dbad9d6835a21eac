import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookTestStatus {
  LISTENING = 'LISTENING',
  CAPTURED = 'CAPTURED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(WebhookTestStatus, { name: 'WebhookTestStatus', description: 'LISTENING until a request reaches the test URL (CAPTURED) or the listen runs out (EXPIRED).' });

/** A "listen for a test event" on a webhook trigger's test URL. */
@ObjectType('WebhookTestListen')
export class WebhookTestListenType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  flowId!: string;

  @Field(() => String)
  nodeId!: string;

  /** The trigger's path: the test URL is `/webhooks-test/<path>`, the production one `/webhooks/<path>`. */
  @Field(() => String)
  path!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => WebhookTestStatus)
  status!: WebhookTestStatus;

  /** The run the captured request started. */
  @Field(() => ID, { nullable: true })
  executionId!: string | null;
}
