import { ErrorCode, InternalHeader, OmnitronError } from '@omnitron/schema';
import { currentRequestId, flowChangeCaller, JsonClient, routeOf, signCaller, type Caller, type Logger } from '@omnitron/server-kit';

/**
 * Registers a flow's webhook and schedule triggers with the executions subgraph right away, so
 * `activateFlow` (and a save of an active flow) returns only once its webhook answers and its
 * schedule is due. The flow-change stream still carries every change: it is what registers the
 * triggers when this call cannot (executions down, a timeout), a little later.
 */
export interface TriggerRegistrar {
  /** Makes executions' registrations match the flow as stored now; throws the coded refusal (CONFLICT: a path taken). */
  sync(caller: Caller, flowId: string): Promise<void>;
}

/** Leaves registration to the flow-change stream alone (tests of the flows subgraph by itself). */
export const streamOnlyRegistrar: TriggerRegistrar = { sync: async () => undefined };

const SYNC = 'mutation ($flowId: ID!) { syncFlowTriggers(flowId: $flowId) { webhooks schedules } }';

interface SyncAnswer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** Calls executions' `syncFlowTriggers` over HTTP, signed like the stream's reader: the acting user, owner role. */
export class HttpTriggerRegistrar implements TriggerRegistrar {
  private readonly http: JsonClient;

  constructor(
    url: string,
    private readonly signingKey: string,
    private readonly log: Logger,
    timeoutMs = 10_000,
  ) {
    this.http = new JsonClient({ url, timeoutMs });
  }

  async sync(caller: Caller, flowId: string): Promise<void> {
    // Signed as the stream's reader is, so a token's scopes or the user's role never change what gets registered.
    const signed = flowChangeCaller({ workspaceId: caller.workspaceId, actorId: caller.userId });
    let answer: SyncAnswer;
    try {
      const requestId = currentRequestId();
      const headers = { 'content-type': 'application/json', ...(requestId ? { [InternalHeader.requestId]: requestId } : {}), ...signCaller(this.signingKey, routeOf('POST', this.http.href), signed) };
      answer = (await this.http.post(JSON.stringify({ query: SYNC, variables: { flowId } }), headers)).body as SyncAnswer;
    } catch (error) {
      this.log.warn({ err: error, flowId }, 'executions did not answer the trigger sync; the flow-change stream registers the triggers');
      throw new OmnitronError(ErrorCode.INTERNAL, 'The executions service is not reachable to register the flow’s triggers');
    }
    const refusal = answer?.errors?.[0];
    if (!refusal) return;
    if (refusal.extensions?.code === ErrorCode.CONFLICT) {
      const { code: _code, ...details } = refusal.extensions;
      throw new OmnitronError(ErrorCode.CONFLICT, refusal.message, details);
    }
    this.log.warn({ flowId, code: refusal.extensions?.code }, 'executions refused the trigger sync');
    throw new OmnitronError(ErrorCode.INTERNAL, 'The executions service could not register the flow’s triggers');
  }
}
