import { randomUUID } from 'node:crypto';
import { currentRequestId, JsonClient, routeOf, signCaller, type Caller, type LocalSubgraph, type SignedRoute } from '@omnitron/server-kit';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { FlowGraph, FlowProblem } from '@omnitron/nodes';

/** A flow version as the executions subgraph pins it. */
export interface PinnedFlow {
  readonly id: string;
  readonly version: number;
  /** The flow's name at this version; absent from a flows service that does not send it. */
  readonly name?: string;
  readonly graph: FlowGraph;
  /** From the flows subgraph when it validates; `undefined` when it does not (we validate ourselves). */
  readonly valid?: boolean;
  readonly problems?: readonly Pick<FlowProblem, 'code' | 'message' | 'nodeId'>[];
  /** Whether its webhook and schedule triggers are to be registered; `undefined` from a flows service without activation (all live). */
  readonly active?: boolean;
  /** Flow control and the error flow (`Flow.settings`); `undefined` from a flows service without them (no control). */
  readonly settings?: FlowRunSettings;
}

/** What a run pins of its flow's settings (the flows subgraph checked them). */
export interface FlowRunSettings {
  readonly concurrencyLimit: number | null;
  readonly concurrencyKey: string | null;
  readonly concurrencyKeyLimit: number;
  readonly priority: number;
  readonly errorFlowId: string | null;
  /** Its `respond: end` webhook calls run in the receiving process (ephemeral/); absent from a flows service without it. */
  readonly ephemeral?: boolean;
  /** An ephemeral flow may run HTTP and AI nodes in process. */
  readonly ephemeralAllowEffects?: boolean;
}

/** How the executions subgraph reads flows. An interface so tests can serve it from a small real server. */
export interface FlowsClient {
  /** The flow's current version in the caller's workspace, or null when missing (or another workspace's). */
  currentFlow(caller: Caller, flowId: string): Promise<PinnedFlow | null>;
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface FlowFields {
  id: string;
  name?: string;
  version: number;
  nodes: FlowGraph['nodes'];
  edges: FlowGraph['edges'];
  valid?: boolean;
  active?: boolean;
  problems?: Array<{ code: string; message: string; nodeId?: string | null; severity?: string }>;
  settings?: FlowRunSettings;
}

const WITH_VALIDATION = `query ($id: ID!) { flow(id: $id) { id name version nodes edges valid active problems { code message nodeId severity }
  settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects } } }`;
const PLAIN = `query ($id: ID!) { flow(id: $id) { id name version nodes edges } }`;

/** Sends one GraphQL POST body (JSON text) to the flows subgraph as `caller`; resolves with the parsed answer. */
type FlowsTransport = (caller: Caller, body: string) => Promise<unknown>;

/**
 * Asks the flows subgraph for a flow as the caller. Asks for `valid`/`problems`/`settings` and falls
 * back to the plain fields when the flows schema has none yet.
 */
class GraphqlFlowsClient implements FlowsClient {
  private validationFields: boolean | undefined;

  constructor(private readonly send: FlowsTransport) {}

  async currentFlow(caller: Caller, flowId: string): Promise<PinnedFlow | null> {
    if (this.validationFields !== false) {
      const response = await this.post<{ flow: FlowFields | null }>(caller, WITH_VALIDATION, { id: flowId });
      const unknownField = response.errors?.some((e) => /Cannot query field "(valid|problems|active|settings|ephemeral|ephemeralAllowEffects)"/.test(e.message));
      if (!unknownField) {
        this.validationFields = true;
        return toPinned(unwrap(response).flow);
      }
      this.validationFields = false;
    }
    return toPinned(unwrap(await this.post<{ flow: FlowFields | null }>(caller, PLAIN, { id: flowId })).flow);
  }

  private async post<T>(caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphqlResponse<T>> {
    try {
      const body = await this.send(caller, JSON.stringify({ query, variables }));
      if (body === null || typeof body !== 'object') throw new Error('no JSON answer');
      return body as GraphqlResponse<T>;
    } catch {
      throw new OmnitronError(ErrorCode.INTERNAL, 'The flows service is not reachable');
    }
  }
}

/** Calls the flows subgraph over HTTP, signed as the caller (the same header the gateway sends). */
export class HttpFlowsClient extends GraphqlFlowsClient {
  constructor(url: string, signingKey: string, timeoutMs = 10_000) {
    const http = new JsonClient({ url, timeoutMs });
    const route: SignedRoute = routeOf('POST', url);
    super(async (caller, body) => (await http.post(body, { ...signCaller(signingKey, route, caller), 'content-type': 'application/json' })).body);
  }
}

/**
 * Calls a flows subgraph hosted in this process (server-kit's LocalSubgraph), as the caller,
 * without a socket or a signature. `flows` answers undefined until it has started: asked before,
 * it is as unreachable as a flows process not yet listening.
 */
export class InProcessFlowsClient extends GraphqlFlowsClient {
  constructor(flows: () => LocalSubgraph | undefined) {
    super(async (caller, body) => {
      const local = flows();
      if (!local) throw new Error('the flows role has not started');
      return (await local.execute(body, { caller, requestId: currentRequestId() ?? randomUUID() })).body;
    });
  }
}

function unwrap<T>(response: GraphqlResponse<T>): T {
  const error = response.errors?.[0];
  if (error || !response.data) {
    const code = error?.extensions?.code === ErrorCode.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.INTERNAL;
    throw new OmnitronError(code, code === ErrorCode.NOT_FOUND ? 'Flow not found' : 'The flows service answered with an error');
  }
  return response.data;
}

function toPinned(flow: FlowFields | null): PinnedFlow | null {
  if (!flow) return null;
  return {
    id: flow.id,
    version: flow.version,
    ...(typeof flow.name === 'string' ? { name: flow.name } : {}),
    graph: { nodes: flow.nodes ?? [], edges: flow.edges ?? [] },
    ...(flow.valid === undefined ? {} : { valid: flow.valid }),
    ...(flow.active === undefined ? {} : { active: flow.active }),
    ...(flow.settings ? { settings: flow.settings } : {}),
    ...(flow.problems === undefined
      ? {}
      : {
          problems: flow.problems
            .filter((p) => p.severity !== 'warning')
            .map((p) => ({ code: p.code, message: p.message, ...(p.nodeId ? { nodeId: p.nodeId } : {}) })),
        }),
  };
}
