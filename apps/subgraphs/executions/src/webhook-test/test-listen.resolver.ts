import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';
import { listenForTestWebhook, readTestListen, type TestListen } from './test-listens';
import { WebhookTestDraftInput } from './test-draft.input';
import { WebhookTestListenType, WebhookTestStatus } from './test-listen.type';

const toType = (listen: TestListen): WebhookTestListenType => ({ ...listen, expiresAt: new Date(listen.expiresAt), status: WebhookTestStatus[listen.status] });

@Resolver()
export class WebhookTestResolver {
  /**
   * Listens on the webhook trigger `nodeId`'s test URL for two minutes: the next request there is
   * captured and runs `draft` (the editor's unsaved graph, validated now and kept with the listen,
   * never saved; without one, the saved version) as the caller. An invalid draft is refused
   * (VALIDATION_FAILED with its problems, PAYLOAD_TOO_LARGE past 1 MiB). Editor role.
   */
  @Mutation(() => WebhookTestListenType)
  async listenForTestWebhook(
    @Arg('flowId', () => ID) flowId: string,
    @Arg('nodeId', () => String) nodeId: string,
    @Arg('draft', () => WebhookTestDraftInput, { nullable: true }) draft: WebhookTestDraftInput | null | undefined,
    @Ctx() ctx: ExecutionsContext,
  ): Promise<WebhookTestListenType> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return toType(await listenForTestWebhook(ctx.runtime, caller, flowId, nodeId, draft));
  }

  /** A listen's state while the studio waits; another workspace's (or a forgotten one) is null. */
  @Query(() => WebhookTestListenType, { nullable: true })
  async webhookTestListen(@Arg('id', () => ID) id: string, @Ctx() ctx: ExecutionsContext): Promise<WebhookTestListenType | null> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const listen = await readTestListen(ctx.runtime, caller, id);
    return listen && toType(listen);
  }
}
