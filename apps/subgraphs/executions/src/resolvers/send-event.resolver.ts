import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import { ErrorCode, JSONScalar, OmnitronError } from '@omnitron/schema';
import type { ExecutionsContext } from '../context';
import { sendEvent } from '../services/resolve-wait';

const NAME_MAX_LENGTH = 200;

/** What `sendEvent` did. */
@ObjectType('SendEventResult')
export class SendEventResultType {
  /** The waiting runs resumed: those of the caller's workspace whose `wait` node waits for the event with a match it holds. */
  @Field(() => [ID])
  resumedExecutionIds!: string[];
}

@Resolver()
export class SendEventResolver {
  /**
   * Sends an event to the runs of the caller's workspace waiting for it (`wait` nodes in event
   * mode): each whose `match` fields all appear in `match` with equal values continues, `payload`
   * becoming the node's output. A run waits for one event per wait node: a later event finds it gone.
   */
  @Mutation(() => SendEventResultType)
  async sendEvent(
    @Arg('name', () => String) name: string,
    @Ctx() ctx: ExecutionsContext,
    @Arg('payload', () => JSONScalar, { nullable: true }) payload?: unknown,
    @Arg('match', () => JSONScalar, { nullable: true }) match?: unknown,
  ): Promise<SendEventResultType> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    if (name.length === 0 || name.length > NAME_MAX_LENGTH) {
      throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `name must be 1 to ${NAME_MAX_LENGTH} characters`, { field: 'name' });
    }
    if (match != null && (typeof match !== 'object' || Array.isArray(match))) {
      throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `match must be an object of fields, got ${Array.isArray(match) ? 'an array' : typeof match}`, { field: 'match' });
    }
    const resumed = await sendEvent(ctx.runtime, caller.workspaceId, name, payload ?? null, (match ?? {}) as Record<string, unknown>);
    return { resumedExecutionIds: resumed };
  }
}
