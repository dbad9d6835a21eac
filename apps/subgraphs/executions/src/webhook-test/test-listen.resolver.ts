import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';
import { listenForTestWebhook, readTestListen, type TestListen } from './test-listens';
import { WebhookTestListenType, WebhookTestStatus } from './test-listen.type';

const toType = (listen: TestListen): WebhookTestListenType => ({ ...listen, expiresAt: new Date(listen.expiresAt), status: WebhookTestStatus[listen.status] });

@Resolver()
export class WebhookTestResolver {
  /**
   * Listens on the webhook trigger `nodeId`'s test URL for two minutes: the next request there is
   * captured and runs the flow's saved version as the caller. Editor role.
   */
  @Mutation(() => WebhookTestListenType)
  async listenForTestWebhook(@Arg('flowId', () => ID) flowId: string, @Arg('nodeId', () => String) nodeId: string, @Ctx() ctx: ExecutionsContext): Promise<WebhookTestListenType> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return toType(await listenForTestWebhook(ctx.runtime, caller, flowId, nodeId));
  }

  /** A listen's state while the studio waits; another workspace's (or a forgotten one) is null. */
  @Query(() => WebhookTestListenType, { nullable: true })
  async webhookTestListen(@Arg('id', () => ID) id: string, @Ctx() ctx: ExecutionsContext): Promise<WebhookTestListenType | null> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const listen = await readTestListen(ctx.runtime, caller, id);
    return listen && toType(listen);
  }
}
