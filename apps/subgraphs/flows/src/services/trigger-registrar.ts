import { randomUUID } from 'node:crypto';
import { ErrorCode, InternalHeader, OmnitronError } from '@omnitron/schema';
import { currentRequestId, flowChangeCaller, JsonClient, routeOf, signCaller, type Caller, type LocalSubgraph, type Logger } from '@omnitron/server-kit';

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

/** Sends one GraphQL POST body (JSON text) to the executions subgraph as `caller`; resolves with the parsed answer. */
type ExecutionsTransport = (caller: Caller, body: string) => Promise<unknown>;

/**
 * Calls executions' `syncFlowTriggers` as the stream's reader is signed: the acting user, owner
 * role, so a token's scopes or the user's role never change what gets registered.
 */
class GraphqlTriggerRegistrar implements TriggerRegistrar {
  constructor(
    private readonly send: ExecutionsTransport,
    private readonly log: Logger,
  ) {}

  async sync(caller: Caller, flowId: string): Promise<void> {
    const reader = flowChangeCaller({ workspaceId: caller.workspaceId, actorId: caller.userId });
    let answer: SyncAnswer;
    try {
      answer = (await this.send(reader, JSON.stringify({ query: SYNC, variables: { flowId } }))) as SyncAnswer;
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

/** Calls executions' `syncFlowTriggers` over HTTP, signed for the caller (the same header the gateway sends). */
export class HttpTriggerRegistrar extends GraphqlTriggerRegistrar {
  constructor(url: string, signingKey: string, log: Logger, timeoutMs = 10_000) {
    const http = new JsonClient({ url, timeoutMs });
    const route = routeOf('POST', http.href);
    super(async (caller, body) => {
      const requestId = currentRequestId();
      const headers = { 'content-type': 'application/json', ...(requestId ? { [InternalHeader.requestId]: requestId } : {}), ...signCaller(signingKey, route, caller) };
      return (await http.post(body, headers)).body;
    }, log);
  }
}

/**
 * Calls `syncFlowTriggers` of an executions subgraph hosted in this process (server-kit's
 * LocalSubgraph): the same resolver, the caller handed over as a value, no socket, no signature.
 * `executions` answers undefined until it has started: asked before, it is as unreachable as an
 * executions process not yet listening (the flow-change stream registers the triggers).
 */
export class InProcessTriggerRegistrar extends GraphqlTriggerRegistrar {
  constructor(executions: () => LocalSubgraph | undefined, log: Logger) {
    super(async (caller, body) => {
      const local = executions();
      if (!local) throw new Error('the executions role has not started');
      return (await local.execute(body, { caller, requestId: currentRequestId() ?? randomUUID() })).body;
    }, log);
  }
}
